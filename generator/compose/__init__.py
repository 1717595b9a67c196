"""Resolved requests to documents: role, posting, comparison, ladder. Pure functions over
loaded data; compose never reads a file and never imports render or check."""
