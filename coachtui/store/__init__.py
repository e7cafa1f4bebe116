"""Disk: everything that reads or writes a file (no Textual here; a test holds this line)."""
