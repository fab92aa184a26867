"""Languages: which one a request wants, and the UI's strings in Korean and English."""
