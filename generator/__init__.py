"""jdgen: job descriptions from a library of responsibility blocks."""

__version__ = "0.1.0"
