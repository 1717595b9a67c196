"""Pure data: the library, company, document, posting, batch and extension types, and
the one table of formats and templates. No file is read here."""
