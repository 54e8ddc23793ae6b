"""Subsidies (補助金, the jGrants equivalent): programmes, search, the jGrants-compatible API, applications."""
