"""Loaded YAML to models with every problem collected, and the JSON Schemas of every kind
of file jdgen reads."""
