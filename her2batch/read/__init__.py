"""Layout readers: each turns one kind of input into the canonical table, with provenance."""
