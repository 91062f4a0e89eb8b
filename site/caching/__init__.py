"""Serving anonymous readers from a page cache, and keeping it correct."""
