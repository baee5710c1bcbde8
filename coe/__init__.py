"""coe: Correction-of-Error post-mortems as code."""

__version__ = "0.1.0"
