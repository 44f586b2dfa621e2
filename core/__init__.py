"""Shared machinery, written once."""
