"""The COE linter: rules, the engine that runs them, and inline suppressions."""
