"""Reusable widgets: breath pacer, 0-10 scale, numbered checklist."""
