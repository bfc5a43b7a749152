"""souverain adapter for Amazon Web Services (VPC, EC2, S3, KMS)."""
