"""The ground floor: typed errors and diagnostics, records, paths, atomic file writes,
the on-disk cache and provenance. Imports nothing else of jdgen."""
