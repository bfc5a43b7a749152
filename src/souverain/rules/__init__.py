"""Sovereignty rules: one implementation, run by the Pulumi policy pack and by `souverain check`."""
