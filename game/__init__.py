"""Last Train Home: a branching narrative game about the Zhang family's journeys home."""

__version__ = "0.1.0"
