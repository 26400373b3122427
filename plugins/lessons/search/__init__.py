"""Full-text search: the pagefind index, fed while the site is rendered."""
