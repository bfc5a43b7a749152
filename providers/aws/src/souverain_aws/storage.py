"""A bucket as an S3 bucket: private, SSE-KMS, versioned and locked as described, protected.

S3 keeps each setting in its own resource (versioning, encryption, public access block,
lifecycle, object lock); they are children of the bucket's component and name the bucket,
which is how rules find the key that encrypts it.
"""

from __future__ import annotations

import json

import pulumi
import pulumi_aws as aws

from souverain.conventions import PUBLIC_ALLOWED, Component, Marker
from souverain.model.ai_platform import Platform
from souverain.model.bucket import Bucket
from souverain_aws.tags import tags


class BucketComponent(pulumi.ComponentResource):
    """One S3 bucket and the resources that configure it."""

    def __init__(
        self,
        platform: Platform,
        bucket: Bucket,
        key_arn: pulumi.Input[str] | None,
        partition: str,
        protect: bool,
        opts: pulumi.ResourceOptions,
    ) -> None:
        name = platform.physical_name(bucket.name)
        super().__init__(Component.BUCKET, name, None, opts)
        child = pulumi.ResourceOptions(parent=self)
        extra = {Marker.ENCRYPTION.key: "sse-kms"} if key_arn is not None else {}
        if bucket.public_read:
            extra[Marker.PUBLIC.key] = PUBLIC_ALLOWED
        created = aws.s3.Bucket(
            name,
            bucket=name,
            object_lock_enabled=True if bucket.retention is not None else None,
            force_destroy=False,
            tags=tags(platform, name, bucket.name, extra),
            opts=pulumi.ResourceOptions(parent=self, protect=protect),
        )
        if bucket.versioning:
            aws.s3.BucketVersioning(
                name,
                bucket=created.id,
                versioning_configuration=aws.s3.BucketVersioningVersioningConfigurationArgs(
                    status="Enabled"
                ),
                opts=child,
            )
        if key_arn is not None:
            aws.s3.BucketServerSideEncryptionConfiguration(
                name,
                bucket=created.id,
                rules=[
                    aws.s3.BucketServerSideEncryptionConfigurationRuleArgs(
                        apply_server_side_encryption_by_default=aws.s3.BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultArgs(
                            sse_algorithm="aws:kms", kms_master_key_id=key_arn
                        ),
                        bucket_key_enabled=True,
                    )
                ],
                opts=child,
            )
        private = not bucket.public_read
        aws.s3.BucketPublicAccessBlock(
            name,
            bucket=created.id,
            block_public_acls=True,
            ignore_public_acls=True,
            block_public_policy=private,
            restrict_public_buckets=private,
            opts=child,
        )
        if bucket.public_read:
            # The description asked for a world-readable bucket: a policy says so, in a
            # form policies can read (a known string naming the bucket, not its ARN output).
            aws.s3.BucketPolicy(
                name,
                bucket=created.id,
                policy=public_read_policy(partition, name),
                opts=pulumi.ResourceOptions(parent=self, depends_on=[created]),
            )
        if bucket.lifecycle:
            aws.s3.BucketLifecycleConfiguration(
                name,
                bucket=created.id,
                rules=[
                    aws.s3.BucketLifecycleConfigurationRuleArgs(
                        id=f"rule-{i}",
                        status="Enabled",
                        filter=aws.s3.BucketLifecycleConfigurationRuleFilterArgs(
                            prefix=rule.prefix
                        ),
                        expiration=aws.s3.BucketLifecycleConfigurationRuleExpirationArgs(
                            days=rule.expire_after_days
                        )
                        if rule.expire_after_days is not None
                        else None,
                        noncurrent_version_expiration=aws.s3.BucketLifecycleConfigurationRuleNoncurrentVersionExpirationArgs(
                            noncurrent_days=rule.noncurrent_expire_after_days
                        )
                        if rule.noncurrent_expire_after_days is not None
                        else None,
                    )
                    for i, rule in enumerate(bucket.lifecycle)
                ],
                opts=child,
            )
        if bucket.retention is not None:
            aws.s3.BucketObjectLockConfiguration(
                name,
                bucket=created.id,
                object_lock_enabled="Enabled",
                rule=aws.s3.BucketObjectLockConfigurationRuleArgs(
                    default_retention=aws.s3.BucketObjectLockConfigurationRuleDefaultRetentionArgs(
                        mode=str(bucket.retention.mode).upper(), days=bucket.retention.days
                    )
                ),
                opts=child,
            )
        self.register_outputs({"bucket": created.bucket})


def public_read_policy(partition: str, bucket: str) -> str:
    """A bucket policy letting anyone read the bucket's objects, as compact, sorted JSON."""
    statement = {
        "Action": "s3:GetObject",
        "Effect": "Allow",
        "Principal": "*",
        "Resource": f"arn:{partition}:s3:::{bucket}/*",
        "Sid": "DescribedPublicRead",
    }
    document = {"Statement": [statement], "Version": "2012-10-17"}
    return json.dumps(document, sort_keys=True, separators=(",", ":"))
