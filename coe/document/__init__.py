"""The COE document: its format (the Pydantic model and the plain fast path), its vocabulary, and loading, finding and editing COE files."""
