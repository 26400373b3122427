"""`lessons serve`: a preview server that keeps answering while the content is broken.

watch.py notices changed files, pages.py writes the Dutch error page and problem banner,
server.py serves the last good build, loop.py rebuilds and swaps. None of them imports
MkDocs: the build itself is handed in by cli.py.
"""
