"""One module per `portal` subcommand. Each exposes `register(subparsers)`, which adds its parser
and sets `handler`, a plain function `(args) -> exit code`."""
