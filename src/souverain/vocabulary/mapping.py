"""Mapping files: for one provider package, each type token's kind and where its facts live.

One YAML file per package under ``data/`` (``openstack.yaml``, ``aws.yaml``...), loaded
into these models. Every file and every type entry can cite where its facts come from
(the provider's schema or documentation); a file without a source does not load.
"""

from __future__ import annotations

from fnmatch import fnmatchcase
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from souverain.catalog.provenance import Provenance
from souverain.documents import parse_yaml
from souverain.errors import SouverainError, problems_from_validation
from souverain.vocabulary.kinds import Kind
from souverain.vocabulary.paths import steps, values

LABEL_PREFIX = "label:"
"""A path starting with this reads a souverain marker from the resource's labels."""


def _check_path(path: str) -> str:
    steps(path.removeprefix(LABEL_PREFIX))
    return path


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @model_validator(mode="after")
    def _paths_parse(self) -> Self:
        for name, value in self:
            if name in ("at", "via", "match", "direction_at") and isinstance(value, str):
                _check_path(value)
            elif name in PATH_LISTS and isinstance(value, list):
                for path in value:
                    _check_path(path)
        return self


PATH_LISTS = frozenset(
    {"region", "encryption_key", "key_material", "images", "container_images", "sources"}
    | {"ports"}
)


class Condition(_Spec):
    """A property test: a value at ``at`` is in ``in``, contains ``contains``, or is truthy.

    ``truthy: false`` holds when no value at ``at`` is truthy (absent counts as false),
    which is how a default such as ``internal: false`` exposes a load balancer.
    ``or_absent`` makes any test also hold when there is no value at all, for defaults
    that are on (an EKS endpoint is public unless ``endpointPublicAccess: false``).
    """

    at: str
    in_: list[str | int | bool] | None = Field(default=None, alias="in")
    truthy: bool | None = None
    contains: str | None = None
    or_absent: bool = False
    says: str = Field(min_length=3, description="what it means, for messages")

    @model_validator(mode="after")
    def _one_test(self) -> Self:
        tests = [t for t in (self.in_, self.truthy, self.contains) if t is not None]
        if len(tests) != 1:
            raise ValueError("a condition needs exactly one of 'in', 'contains' and 'truthy'")
        return self

    def holds(self, data: Any) -> bool:
        """Whether the condition holds for one resource's (or rule's) properties."""
        found = list(values(data, self.at))
        if not found and self.or_absent:
            return True
        if self.in_ is not None:
            return any(value in self.in_ for value in found)
        if self.contains is not None:
            return any(isinstance(v, str) and self.contains in v for v in found)
        return any(bool(value) for value in found) is self.truthy


LabelForm = Literal["map", "key=value", "key-value-list"]


class LabelSpec(_Spec):
    """Where labels or tags live: a map, ``key=value`` strings, or ``{key, value}`` items."""

    at: str
    form: LabelForm = "map"


class RuleSpec(_Spec):
    """Where firewall rules live in a resource, and how to read one.

    ``at`` is ``.`` for a resource that is one rule, or a list path (``ingress[*]``).
    The other paths are relative to one rule.
    """

    at: str = "."
    direction: Literal["ingress", "egress"] | None = None
    direction_at: str | None = None
    ingress: list[str | None] = Field(
        default_factory=lambda: list[str | None](["ingress"]),
        description="values of direction_at meaning ingress; null when absent means ingress",
    )
    sources: list[str] = Field(min_length=1)
    world: list[str] = Field(
        default_factory=list, description="source values meaning anywhere, besides /0 ranges"
    )
    from_port: str | None = None
    to_port: str | None = None
    ports: list[str] = Field(default_factory=list, description="ports or 'a-b' ranges")
    all_ports: Condition | None = None
    portless: Condition | None = Field(
        default=None, description="when the rule's protocol has no ports (ICMP)"
    )
    allows_nothing: list[Condition] = Field(
        default_factory=list,
        description="when the rule lets nothing in (a deny rule, a disabled one)",
    )

    @model_validator(mode="after")
    def _direction_known(self) -> Self:
        if (self.direction is None) == (self.direction_at is None):
            raise ValueError("a rule spec needs exactly one of 'direction' and 'direction_at'")
        return self


class Attachment(_Spec):
    """A resource that sets facts of another one (an S3 encryption configuration, say).

    The target is found through the property dependencies of ``via``; when none is
    recorded (a literal name), by comparing ``via``'s value with the target's ``match``.
    """

    to: Kind
    via: str
    match: str | None = None


class TypeMapping(_Spec):
    """One type token: its kind, and the properties holding each fact rules read."""

    kind: Kind
    region: list[str] = Field(default_factory=list)
    labels: LabelSpec | None = None
    encryption_key: list[str] = Field(default_factory=list)
    key_material: list[str] = Field(default_factory=list)
    public: list[Condition] = Field(default_factory=list)
    images: list[str] = Field(default_factory=list)
    container_images: list[str] = Field(default_factory=list)
    privileged: list[Condition] = Field(default_factory=list)
    deletion_protection: list[Condition] = Field(default_factory=list)
    firewall_rules: list[RuleSpec] = Field(default_factory=list)
    attaches: Attachment | None = None
    provenance: Provenance | None = None
    note: str | None = None


class ProviderMapping(_Spec):
    """The package's provider object: where its region is, among its properties."""

    region: list[str] = Field(default_factory=list)
    provenance: Provenance | None = None


class PackageMapping(BaseModel):
    """A whole mapping file: one Pulumi provider package."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    package: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str
    cloud: str | None = Field(
        default=None, description="catalog id of the cloud, when the package names it"
    )
    api: str | None = Field(
        default=None, description="API family, when the stack or the region names the cloud"
    )
    provenance: Provenance
    region: list[str] = Field(
        default_factory=list,
        description="where any resource of the package sets its own region, unless its type says",
    )
    provider: ProviderMapping = Field(default_factory=ProviderMapping)
    types: dict[str, TypeMapping]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if (self.cloud is None) == (self.api is None):
            raise ValueError("a mapping names either the 'cloud' its package reaches or its 'api'")
        for path in self.region:
            _check_path(path)
        foreign = sorted(t for t in self.types if not t.startswith(f"{self.package}:"))
        if foreign:
            raise ValueError(f"types {foreign} are not in package {self.package!r}")
        return self

    def lookup(self, type_token: str) -> TypeMapping | None:
        """The mapping of a type token: an exact entry, else the longest matching pattern."""
        exact = self.types.get(type_token)
        if exact is not None:
            return exact
        patterns = [p for p in self.types if ("*" in p or "?" in p) and fnmatchcase(type_token, p)]
        return self.types[max(patterns, key=len)] if patterns else None


class Vocabulary:
    """Every mapping file, by package, each loaded the first time one of its types is judged.

    A plan usually touches one or two packages; the large hyperscaler files are then
    never parsed.
    """

    def __init__(self, files: dict[str, Traversable]) -> None:
        self.files = files
        self._loaded: dict[str, PackageMapping] = {}
        # Each type token resolved once: a plan has thousands of resources of a few types.
        self._tokens: dict[str, tuple[PackageMapping, TypeMapping] | None] = {}

    def package(self, name: str) -> PackageMapping | None:
        """The mapping of one package, or None when no file maps it."""
        if name not in self._loaded:
            entry = self.files.get(name)
            if entry is None:
                return None
            self._loaded[name] = _load(entry)
        return self._loaded[name]

    def all(self) -> list[PackageMapping]:
        """Every mapping, by package name."""
        return [p for name in sorted(self.files) if (p := self.package(name)) is not None]

    def package_of(self, type_token: str) -> str:
        """The package of a type token; provider objects name theirs last."""
        if type_token.startswith("pulumi:providers:"):
            return type_token.rsplit(":", 1)[-1]
        return type_token.split(":", 1)[0]

    def mapping(self, type_token: str) -> tuple[PackageMapping, TypeMapping] | None:
        """The package mapping and type mapping of a token, or None when not mapped."""
        if type_token not in self._tokens:
            self._tokens[type_token] = self._resolve(type_token)
        return self._tokens[type_token]

    def _resolve(self, type_token: str) -> tuple[PackageMapping, TypeMapping] | None:
        package = self.package(self.package_of(type_token))
        if package is None:
            return None
        if type_token.startswith("pulumi:providers:"):
            return package, PROVIDER_TYPE
        found = package.lookup(type_token)
        return None if found is None else (package, found)


PROVIDER_TYPE = TypeMapping(kind=Kind.PROVIDER)


def _load(entry: Traversable) -> PackageMapping:
    try:
        mapping = PackageMapping.model_validate(parse_yaml(entry.read_text(), entry.name))
    except ValidationError as error:
        raise SouverainError(
            f"mapping file {entry.name} is invalid", problems_from_validation(error)
        ) from None
    if entry.name != f"{mapping.package}.yaml":
        raise SouverainError(f"mapping file {entry.name} holds package {mapping.package!r}")
    return mapping


@cache
def vocabulary() -> Vocabulary:
    """The packaged mapping files (``<package>.yaml``), found once and loaded on demand."""
    folder = resources.files("souverain.vocabulary").joinpath("data")
    files = {
        entry.name.removesuffix(".yaml"): entry
        for entry in folder.iterdir()
        if entry.name.endswith(".yaml")
    }
    return Vocabulary(files)
