"""What the corpus becomes: generated pages, view models (later: citations, feeds)."""
