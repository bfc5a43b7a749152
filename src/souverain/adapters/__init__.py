"""The adapter contract, the feature vocabulary and the registry adapters are found through."""
