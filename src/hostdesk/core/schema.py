"""The version of the draft format, apart from the model so storage can check it cheaply."""

SCHEMA_VERSION = 1
