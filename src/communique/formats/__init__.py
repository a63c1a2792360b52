"""One module per text format: each parses bytes into plain data and writes it back."""
