"""The front ends: the command line, its sub-commands and the studio. They resolve a
request at the edge and call the service."""
