"""Lingji (零基): zero-based budget review for finance bureaus."""

__version__ = "0.1.0"
