"""lessons: publish lessons-learned documents of public health organisations."""

__version__ = "0.1.0"
