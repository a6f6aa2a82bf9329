"""Bundled sample documents (see samples/SOURCE.md for attribution)."""
