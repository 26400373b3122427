"""The build core: what a build makes and how, free of any site generator's API."""
