"""The offline plan: the real Pulumi program run in-process under mocks, captured as data."""
