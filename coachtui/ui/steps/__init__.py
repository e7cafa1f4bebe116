"""The six steps of a walk, each a view shown inside the one WalkScreen."""
