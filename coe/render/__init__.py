"""Reports of one COE, as Markdown or HTML."""
