"""souverain adapter for OpenStack clouds (Nova, Neutron, Swift, Barbican)."""
