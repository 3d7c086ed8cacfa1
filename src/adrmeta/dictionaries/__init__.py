"""Data dictionaries: the side file beside a record, and readers of the forms owners already
keep them in. Each reader module has the same interface, `read(source, mapping) -> rows.Read`,
and is listed in READERS."""
