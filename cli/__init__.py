"""Command-line tools (`simdesk ...`); `cli.main` dispatches to one module per subcommand."""
