"""Languages: which one a request wants, and the UI's gettext catalogs in Korean and English."""
