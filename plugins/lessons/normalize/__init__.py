"""Small pure normalizing functions: dates, redaction marks, text."""
