"""The domain: meetings, agenda templates, timers, the roster, and the Markdown document."""
