"""Output: the tables' schemas, the validated atomic writer, the report, the loader and the
edition diff."""
