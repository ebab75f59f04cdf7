"""Words -> meaning: header and value vocabularies, NAACCR items, the parsed frame."""
