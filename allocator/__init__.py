"""genhus: rehousing allocation for Danish social-housing renovations."""

__version__ = "0.1.0"
