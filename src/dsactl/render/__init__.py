"""Renderers: one module per output format. Rich is imported only inside this package."""
