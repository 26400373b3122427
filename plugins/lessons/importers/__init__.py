"""Importers: from the files editors receive to normalized Markdown with front-matter."""
