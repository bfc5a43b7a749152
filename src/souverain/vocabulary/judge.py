"""Give each resource its kind and facts, and let attached resources complete them.

Some facts live on another resource: an S3 bucket's key is set by a separate encryption
configuration that names the bucket. Such a resource is mapped with ``attaches``; its
facts are merged into the resource it attaches to, found through the property
dependency the engine records (or, for a literal name, by comparing values).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from souverain.vocabulary.facts import Facts, read_facts
from souverain.vocabulary.kinds import Kind
from souverain.vocabulary.mapping import PackageMapping, TypeMapping, Vocabulary, vocabulary
from souverain.vocabulary.paths import first
from souverain.vocabulary.views import ProviderView, ResourceView

_NO_FACTS = Facts()


@dataclass(frozen=True)
class Judged:
    """A resource with its kind and facts, and its provider object judged the same way.

    ``kind`` is None when the type is not in any mapping: such a resource is reported as
    not judged, never passed.
    """

    view: ResourceView
    kind: Kind | None
    facts: Facts
    package: PackageMapping | None
    provider: Judged | None = None
    encryption_judged: bool = False
    # Read often by every rule: computed once.
    urn: str = field(init=False)
    type: str = field(init=False)
    name: str = field(init=False)
    custom: bool = field(init=False)
    is_provider: bool = field(init=False)
    stands_for_its_cloud: bool = field(init=False)
    """Whether rules about the cloud judge this resource itself: a provider object, or a
    custom resource whose provider object is not visible. Other resources inherit the
    verdict on their provider object, so each cloud is reported once."""

    def __post_init__(self) -> None:
        view = self.view
        is_provider = view.is_provider
        put = object.__setattr__
        put(self, "urn", view.urn)
        put(self, "type", view.type)
        put(self, "name", view.name)
        put(self, "custom", view.custom)
        put(self, "is_provider", is_provider)
        put(self, "stands_for_its_cloud", view.custom and (is_provider or self.provider is None))

    @property
    def protected(self) -> bool:
        """Protected by Pulumi's protect flag or by the cloud's own deletion protection."""
        return self.view.protect or self.facts.deletion_protection

    @property
    def not_judged(self) -> bool:
        """A cloud resource whose type no mapping knows."""
        return self.custom and self.kind is None

    @property
    def reach(self) -> PackageMapping | None:
        """The mapping of the package that reaches the cloud: the provider's, else its own."""
        return self.provider.package if self.provider is not None else self.package


def judge(views: Sequence[ResourceView], known: Vocabulary | None = None) -> list[Judged]:
    """Every resource judged, in the order given, attachments merged into their targets."""
    words = known or vocabulary()
    providers: dict[str, Judged] = {}
    judged: list[Judged] = []
    attached: list[tuple[Judged, TypeMapping]] = []
    for view in views:
        one, spec = _judge_one(view, words, providers)
        judged.append(one)
        if spec is not None and spec.attaches is not None:
            attached.append((one, spec))
    if attached:
        judged = _merge_attachments(judged, attached)
    return judged


def _judge_one(
    view: ResourceView, words: Vocabulary, providers: dict[str, Judged]
) -> tuple[Judged, TypeMapping | None]:
    provider = None
    if view.provider is not None:
        provider = providers.get(view.provider.urn)
        if provider is None:
            provider, _ = _judge_one(_provider_resource(view.provider), words, providers)
            providers[view.provider.urn] = provider
    found = words.mapping(view.type)
    if found is None:
        return Judged(view, None, _NO_FACTS, None, provider), None
    package, spec = found
    judged = Judged(
        view,
        spec.kind,
        read_facts(view.props, package, spec),
        package,
        provider,
        encryption_judged=bool(spec.encryption_key),
    )
    return judged, spec


def _provider_resource(provider: ProviderView) -> ResourceView:
    return ResourceView(
        provider.urn, provider.type, provider.urn.rsplit("::", 1)[-1], provider.props
    )


def _merge_attachments(
    judged: list[Judged], attached: list[tuple[Judged, TypeMapping]]
) -> list[Judged]:
    by_urn = {j.urn: i for i, j in enumerate(judged)}
    merged = list(judged)
    for source, spec in attached:
        assert spec.attaches is not None
        for index in _targets(source, spec, merged, by_urn):
            target = merged[index]
            merged[index] = replace(
                target,
                facts=_combine(target.facts, source.facts),
                encryption_judged=target.encryption_judged or source.encryption_judged,
            )
    return merged


def _targets(
    source: Judged, spec: TypeMapping, judged: list[Judged], by_urn: Mapping[str, int]
) -> list[int]:
    attachment = spec.attaches
    assert attachment is not None
    via = attachment.via.split(".", 1)[0].split("[", 1)[0]
    urns = source.view.property_dependencies.get(via, ())
    found = [by_urn[u] for u in urns if u in by_urn and judged[by_urn[u]].kind is attachment.to]
    if found or attachment.match is None:
        return found
    value: Any = first(source.view.props, [attachment.via])
    return [
        i
        for i, j in enumerate(judged)
        if j.kind is attachment.to
        and value is not None
        and first(j.view.props, [attachment.match]) == value
    ]


def _combine(target: Facts, extra: Facts) -> Facts:
    """The target's facts completed with what an attached resource sets."""
    return replace(
        target,
        encryption_key=target.encryption_key or extra.encryption_key,
        public=target.public + tuple(p for p in extra.public if p not in target.public),
        deletion_protection=target.deletion_protection or extra.deletion_protection,
    )
