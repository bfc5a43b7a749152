"""The exit plan: the ordered steps that move a platform's data and keys between two stacks.

Deploy the target; re-create each key there (key material never leaves a key manager, so
data is re-encrypted on the way); copy each bucket with an S3-compatible tool (rclone),
between endpoints the catalog knows; switch consumers after a final copy; verify every
object by checksum; and only then unprotect and destroy the source. Commands are given
where one exists; credentials are never part of them.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from souverain.catalog.clouds import Cloud
from souverain.move.model import Move, Part, Step
from souverain.target import Pillar

if TYPE_CHECKING:
    from souverain.move.sides import Side

COPY_TOOL = "rclone"
"""The S3-compatible copy tool the plan's commands use (Debian and most distributions
package it; scripts/localcloud installs it for the rehearsal)."""

SOURCE_REMOTE, TARGET_REMOTE = "src", "dst"


def copy_command(source_bucket: str, target_bucket: str) -> str:
    """Copy every current object of a bucket, skipping objects whose checksums already match."""
    return shlex.join(
        [
            COPY_TOOL,
            "copy",
            "--checksum",
            f"{SOURCE_REMOTE}:{source_bucket}",
            f"{TARGET_REMOTE}:{target_bucket}",
        ]
    )


def check_command(source_bucket: str, target_bucket: str) -> str:
    """Compare every object's content on both sides (read from both: ETags may not be MD5s)."""
    return shlex.join(
        [
            COPY_TOOL,
            "check",
            "--download",
            f"{SOURCE_REMOTE}:{source_bucket}",
            f"{TARGET_REMOTE}:{target_bucket}",
        ]
    )


def remote_settings(cloud: Cloud, region: str | None) -> list[tuple[str, str]]:
    """rclone's settings for an S3 remote on ``cloud``: provider, region, endpoint, auth.

    Values come from the catalog; what it does not know is written as ``<...>`` to fill in.
    Credentials are named, never given: AWS reads its usual environment or profile, an
    OpenStack cloud's S3 API takes EC2 credentials of the project.
    """
    storage = cloud.services.get("object_storage")
    endpoint = storage.endpoint_in(region) if storage and region else None
    where = f"{cloud.name} {region}" if region else cloud.name
    settings = [("type", "s3")]
    if cloud.api == "aws":
        settings += [("provider", "AWS"), ("env_auth", "true")]
    else:
        settings += [
            ("provider", "Other"),
            ("access_key_id", "<EC2 access key: openstack ec2 credentials create>"),
            ("secret_access_key", "<its secret>"),
        ]
    if region and cloud.api == "aws":
        settings.append(("region", region))
    settings.append(("endpoint", endpoint or f"<S3 endpoint of {where}: not in the catalog>"))
    return settings


def remote_exports(name: str, cloud: Cloud, region: str | None) -> list[str]:
    """``export RCLONE_CONFIG_<NAME>_<SETTING>=...`` lines defining one remote."""
    return [
        f"export RCLONE_CONFIG_{name.upper()}_{key.upper()}={shlex.quote(value)}"
        for key, value in remote_settings(cloud, region)
    ]


def exit_plan(a: Side, b: Side, move: Move) -> tuple[Step, ...]:
    """The ordered steps of moving from side ``a`` to side ``b``."""
    steps: list[Step] = []

    def add(title: str, **kwargs: object) -> None:
        steps.append(Step(len(steps) + 1, title, **kwargs))  # type: ignore[arg-type]

    pools = [p for p in move.parts if p.kind == "gpu-pool"]
    buckets = [p for p in move.parts if p.kind == "bucket"]
    keys = [p for p in move.parts if p.kind == "key"]
    storage_a, storage_b = a.placement(Pillar.STORAGE), b.placement(Pillar.STORAGE)
    keys_a, keys_b = a.cloud(Pillar.KEYS), b.cloud(Pillar.KEYS)

    add(
        f"Create the target: deploy {move.platform} with stack {b.stack}",
        commands=(
            f"souverain check --stack {b.stack} --level {move.level}",
            f"souverain policy-config --stack {b.stack} > policy-config.json",
            f"pulumi stack init {b.stack}",
            f"pulumi up -s {b.stack} --policy-pack policies "
            "--policy-pack-config policy-config.json",
        ),
        notes=(
            *(_pool_note(p) for p in pools),
            "GPU pools hold no data: they are created afresh on the target and start "
            "their workloads there.",
            *(
                ()
                if b.report.passed
                else (
                    f"the check of {b.stack} fails at {move.level} too: see the rules; "
                    "fix them or record waivers before deploying",
                )
            ),
        ),
        blocked=None
        if b.plan is not None
        else f"the description does not compile for {b.stack}: "
        + "; ".join(str(p) for p in b.problems),
    )
    for key in keys:
        add(
            f"Re-create key {key.name} in {_key_manager(keys_b)}",
            part=key.path,
            notes=(
                f"Key material never leaves a key manager: {_key_manager(keys_a)} cannot "
                f"export {key.physical}, and {_key_manager(keys_b)} cannot import it.",
                f"Step 1 generated a new key {key.physical} in {keys_b.name}; data is "
                "decrypted with the old key as it is read from the source and encrypted "
                "with the new one as it is written to the target (the copy steps).",
                "Keep the old key until the source is destroyed (last step): data not yet "
                "moved needs it.",
            ),
            blocked=_blocked(key),
        )
    if buckets:
        add(
            "Prepare the copy: one S3 remote on each side",
            commands=(
                *_credentials(a.cloud(Pillar.STORAGE), "source"),
                *remote_exports(SOURCE_REMOTE, a.cloud(Pillar.STORAGE), storage_a.region),
                *_credentials(b.cloud(Pillar.STORAGE), "target"),
                *remote_exports(TARGET_REMOTE, b.cloud(Pillar.STORAGE), storage_b.region),
                f"{COPY_TOOL} lsd {SOURCE_REMOTE}:",
                f"{COPY_TOOL} lsd {TARGET_REMOTE}:",
            ),
            notes=(
                f"{COPY_TOOL} reads remotes from RCLONE_CONFIG_* variables; endpoints and "
                "regions come from the catalog, credentials from each cloud (an AWS profile "
                "or environment; EC2 credentials of the OpenStack project, one set per side).",
            ),
        )
    for bucket in buckets:
        add(
            f"Copy bucket {bucket.name}",
            part=bucket.path,
            commands=(copy_command(bucket.physical, bucket.physical),),
            notes=_bucket_notes(a, bucket),
            blocked=_blocked(bucket),
        )
    add(
        f"Switch consumers to {b.stack}",
        commands=tuple(copy_command(p.physical, p.physical) for p in buckets),
        notes=(
            f"Stop writes to {storage_a.where()}, run the copies once more (only changed "
            f"objects move), then point every consumer at {storage_b.where()}: its S3 "
            "endpoint, the same bucket names, the new keys.",
        ),
    )
    add(
        "Verify every object by checksum",
        commands=tuple(check_command(p.physical, p.physical) for p in buckets),
        notes=(
            "--download reads both copies and compares their content, so it holds where "
            "S3 ETags are not MD5 sums (SSE-KMS, multipart uploads).",
            "Go on only when every check reports 0 differences.",
        ),
    )
    verify = len(steps)
    add(
        f"Unprotect and destroy the source {a.stack}",
        commands=(
            f"pulumi config set --path souverain:protectData false -s {a.stack}",
            f"pulumi up -s {a.stack}",
            f"pulumi destroy -s {a.stack}",
        ),
        notes=(
            f"Only after step {verify} passed for every bucket and consumers run on {b.stack}.",
            f"Destroying the keys of {a.stack} makes whatever data is left under them "
            "unreadable for good; a KMS deletes a key only after a waiting period.",
        ),
    )
    return tuple(steps)


def _key_manager(cloud: Cloud) -> str:
    service = cloud.services.get("key_manager")
    kinds = (
        "/".join(k.upper() if k in ("kms", "okms") else k.capitalize() for k in service.kinds)
        if service
        else ""
    )
    return f"the {cloud.name} key manager" + (f" ({kinds})" if kinds else "")


def _blocked(part: Part) -> str | None:
    needs = [p for p in part.target.problems if p.startswith("needs ")]
    return "; ".join(needs) if needs else None


def _pool_note(pool: Part) -> str:
    before = pool.source.size or "not placed"
    after = pool.target.size or "not placed: " + "; ".join(pool.target.problems)
    return f"GPU pool {pool.name}: {after} on the target (was {before})"


def _credentials(cloud: Cloud, side: str) -> tuple[str, ...]:
    """The command giving S3 credentials on an OpenStack side (AWS uses its own)."""
    if cloud.api == "aws":
        return ()
    return (f"openstack ec2 credentials create  # in the {side} project",)


def _bucket_notes(a: Side, bucket: Part) -> tuple[str, ...]:
    described = next(x for x in a.platform.buckets if x.name == bucket.name)
    notes = []
    how = bucket.target.encryption
    key = described.encryption_key
    if bucket.source.encryption == "client-side":
        notes.append(
            "On the source, clients encrypted the objects with key "
            f"{a.platform.physical_name(key or '')}: a copy moves ciphertext. Decrypt on the "
            "way (an rclone crypt remote over the source, keyed from that key), or the data "
            "stays readable only with the old key, which the last step destroys."
        )
    if how == "sse-kms":
        notes.append(
            "The target encrypts each object as it is written, with the bucket's default "
            f"KMS key ({a.platform.physical_name(key or '')})."
        )
    elif how == "client-side":
        notes.append(
            "The target expects clients to encrypt objects with key "
            f"{a.platform.physical_name(key or '')} before upload: {COPY_TOOL} writes what it "
            "reads, so encrypt on the way (an rclone crypt remote over the target, keyed from that "
            "key) or have clients re-write the objects."
        )
    elif how is not None:
        notes.append(f"On the target the data is encrypted as follows: {how}.")
    if described.versioning:
        notes.append("Only current object versions are copied; older versions stay in the source.")
    if described.retention is not None:
        notes.append(
            f"Object-lock retention does not travel with a copy: on the target each object's "
            f"{described.retention.days}-day retention starts again when it is written."
        )
    if described.lifecycle:
        notes.append("Lifecycle expiry counts from the date each object is copied.")
    return tuple(notes)
