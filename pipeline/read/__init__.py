"""Read: a source document (a text dump of a book, or its PDF) into its physical pages."""
