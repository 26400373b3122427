"""The content model: document kinds, vocabularies, front-matter schema."""
