"""The measure engine: framework YAML over the store, producing the pack."""
