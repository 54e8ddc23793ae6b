"""Writes of the identity context, one module per use case; each service is keyword-only, atomic,
checks permission on its target and writes an audit record."""
