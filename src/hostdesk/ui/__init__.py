"""The Qt window: thin widgets and models over core, storage and publish."""
