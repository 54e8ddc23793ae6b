"""Madoguchi (窓口): one counter for every procedure a business has with government."""

__version__ = "0.1.0"
