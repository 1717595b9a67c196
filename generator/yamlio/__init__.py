"""YAML with line numbers: the parser and the cached loader. Named so that it cannot be
mistaken for PyYAML (`yaml`). Imports only core."""
