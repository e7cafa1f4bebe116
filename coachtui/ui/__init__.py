"""The Textual interface: thin views over the pure core."""
