"""The pure domain: models and logic, no I/O and no Textual (a test holds this line)."""
