"""The portfolio: what all COEs together say about whether the organisation learns."""
