"""Vocabularies as data: one TOML file per language and kind (values/, headers/)."""
