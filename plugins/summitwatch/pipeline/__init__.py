"""The three pipeline stages, each a function the DAG tasks and the CLI call."""
