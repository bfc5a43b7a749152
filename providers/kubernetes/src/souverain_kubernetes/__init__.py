"""souverain adapter for Kubernetes clusters: namespaces, network policies, GPU workloads."""
