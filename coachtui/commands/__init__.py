"""Plain-text commands of the command line (no Textual)."""
