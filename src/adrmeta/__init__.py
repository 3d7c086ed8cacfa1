"""adrmeta: canonical metadata records for UK linked administrative datasets."""

__version__ = "0.1.0"
