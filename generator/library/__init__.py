"""Finding and loading what a run is made from: sources and the workspace, the library,
company profiles, theme files, posting files, English variants, labels."""
