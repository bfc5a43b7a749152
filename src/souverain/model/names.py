"""Names that are valid on every target.

A part's name becomes an OpenStack resource name, a Kubernetes object name, an S3 bucket
name and a Pulumi URN segment. The strictest common rule is the DNS label of RFC 1123
(lowercase letters, digits and hyphens, starting with a letter, at most 63 characters);
bucket names also need at least three characters and, once prefixed with the platform
name, must still fit in 63.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

MAX_LABEL = 63
RESERVED_LABEL_PREFIX = "souverain-"
"""Label keys souverain itself writes start with this; descriptions may not use it."""
_LABEL = re.compile(r"^[a-z]([a-z0-9-]*[a-z0-9])?$")


def check_label(value: str) -> str:
    """Validate a DNS label, suggesting a valid spelling when it is not one."""
    if len(value) > MAX_LABEL:
        raise ValueError(f"is {len(value)} characters long; at most {MAX_LABEL} are allowed")
    if not _LABEL.match(value) or "--" in value:
        suggestion = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9-]+", "-", value.lower())).strip("-")
        if suggestion and not suggestion[0].isalpha():
            suggestion = "x-" + suggestion
        hint = f", for example {suggestion!r}" if suggestion else ""
        raise ValueError(
            f"{value!r} is not valid on every cloud: use lowercase letters, digits and single "
            f"hyphens, starting with a letter and ending with a letter or digit{hint}"
        )
    return value


Name = Annotated[str, AfterValidator(check_label)]
"""A part name: a DNS label, valid as an OpenStack, Kubernetes and S3 name."""


def _check_label_key(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?", value):
        raise ValueError(
            f"label key {value!r} is invalid: use 1-63 lowercase letters, digits, '.', '_' "
            "or '-', starting and ending with a letter or digit"
        )
    if value.startswith(RESERVED_LABEL_PREFIX):
        raise ValueError(
            f"label key {value!r} is reserved: keys starting with {RESERVED_LABEL_PREFIX!r} are "
            "written by souverain itself (platform, data class, owner...); rename the label"
        )
    return value


def _check_label_value(value: str) -> str:
    if not re.fullmatch(r"([A-Za-z0-9]([A-Za-z0-9._-]{0,61}[A-Za-z0-9])?)?", value):
        raise ValueError(
            f"label value {value!r} is invalid: use at most 63 letters, digits, '.', '_' "
            "or '-', starting and ending with a letter or digit (the Kubernetes label rule)"
        )
    return value


LabelKey = Annotated[str, AfterValidator(_check_label_key)]
LabelValue = Annotated[str, AfterValidator(_check_label_value)]
