"""The content tree as files: parsing and validating it, loading it into the database, dumping and exporting it."""
