"""Facts about clouds and hardware, kept as sourced data files and loaded into typed models."""
