"""The content tree in content/: its documents, reading and writing files, and loading them into the database."""
