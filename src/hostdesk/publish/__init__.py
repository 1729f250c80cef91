"""Publishing notes to GitHub: the REST client, the publisher, the outbox and the token."""
