"""Probes that read what the platform really deploys: the offline plan, and its description.

The plan says which key encrypts each data store and how, and where every provider object
and resource is placed; the description says which GPUs the pools ask for. Facts from the
plan cite the stack they were planned from; the catalog facts they rest on (a region's
country, a GPU's vendor) keep their own sources.
"""

from __future__ import annotations

from collections import Counter

from souverain.assessment.evidence import Evidence, Fact, Probe, StackView, unique
from souverain.assessment.technology import technologies
from souverain.catalog.countries import country_name
from souverain.catalog.gpus import gpu_models
from souverain.conventions import Marker
from souverain.rules.levels import level_table
from souverain.vocabulary.kinds import Kind

PLATFORM = "platform"
"""The subject of evidence about the platform as a whole."""

_STORES = (Kind.BUCKET, Kind.VOLUME, Kind.DATABASE)


def _planned(view: StackView, statement: str) -> Fact:
    """A fact the offline plan of the stack shows."""
    return Fact(statement, f"offline plan of stack {view.stack}", "high")


def _key_control(view: StackView) -> list[Evidence]:
    if not view.planned:
        return [
            Evidence(
                PLATFORM,
                None,
                "the description does not compile for this stack, so how its data would be "
                "encrypted there is not known",
                (_planned(view, "the description does not compile for this stack"),),
            )
        ]
    stores = [
        r
        for r in view.resources
        if r.kind in _STORES and (r.kind is Kind.BUCKET or r.encryption_judged)
    ]
    if not stores:
        return [
            Evidence(
                PLATFORM,
                None,
                "the plan deploys no data store whose key can be read",
                (_planned(view, "no bucket, volume or database with a readable key"),),
            )
        ]
    facts: list[Fact] = []
    provider_only: list[str] = []
    for store in sorted(stores, key=lambda r: r.urn):
        key = store.facts.encryption_key
        how = store.facts.marker(Marker.ENCRYPTION)
        if not key or how == "none":
            provider_only.append(store.name)
            facts.append(_planned(view, f"{store.kind} {store.name}: no key of the platform's own"))
        else:
            applied = how or "by the cloud, with the key"
            facts.append(_planned(view, f"{store.kind} {store.name}: encrypted {applied}"))
    for placed in view.placed("keys"):
        manager = placed.cloud.services.get("key_manager")
        if manager is not None:
            kinds = ", ".join(manager.kinds) or "unnamed"
            facts.append(
                Fact.sourced(f"key manager of {placed.where}: {kinds}", manager.provenance)
            )
    if provider_only:
        return [
            Evidence(
                PLATFORM,
                "provider-only",
                f"{', '.join(provider_only)}: encrypted by the provider's keys only",
                tuple(facts),
            )
        ]
    return [
        Evidence(
            PLATFORM,
            "customer-key",
            "every data store is encrypted with a key of the platform's own, held in the "
            "cloud's key manager",
            tuple(facts),
        )
    ]


def _data_location(view: StackView) -> list[Evidence]:
    table = level_table()
    where: Counter[tuple[str, str | None]] = Counter()
    facts: list[Fact] = []
    unknown: list[str] = []
    countries: set[str] = set()
    seen: set[tuple[str, str]] = set()
    for resource in view.resources:
        if not (resource.custom and (resource.stands_for_its_cloud or resource.facts.region)):
            continue
        cloud, region, facts_of = view.context_of(resource).region_facts(resource)
        name = cloud.name if cloud else "an unidentified cloud"
        where[(name, region)] += 1
        if region is None:
            unknown.append(f"{resource.name} has no region")
        elif facts_of is None or facts_of.country is None:
            unknown.append(f"the country of region {region} on {name} is not catalogued")
        else:
            countries.add(facts_of.country)
            if (name, region) not in seen:
                seen.add((name, region))
                city = f" ({facts_of.city})" if facts_of.city else ""
                facts.append(
                    Fact.sourced(
                        f"{name} region {region}{city} is in {country_name(facts_of.country)}",
                        facts_of.provenance,
                    )
                )
    placed = "; ".join(
        f"{n} in {name} {region or '(no region)'}" for (name, region), n in sorted(where.items())
    )
    what = (
        "provider objects and resources with a region of their own"
        if view.planned
        else "provider objects the stack's adapters would create"
    )
    facts.append(_planned(view, f"{what}: {placed or 'none'}"))
    if unknown or not where:
        reason = "; ".join(sorted(set(unknown))) or "nothing in the plan says where data is"
        return [Evidence(PLATFORM, None, reason, tuple(facts))]
    third = sorted(c for c in countries if c not in table.eu_eea and c not in table.adequacy)
    adequate = sorted(c for c in countries if c in table.adequacy)
    listed = ", ".join(country_name(c) for c in sorted(countries))
    if third:
        return [Evidence(PLATFORM, "third-country", f"data in {listed}", tuple(facts))]
    if adequate:
        decisions = [table.adequacy[c] for c in adequate]
        facts += [Fact.sourced(d.decision, d.provenance) for d in decisions]
        return [
            Evidence(PLATFORM, "adequacy", f"data in {listed} (adequacy decisions)", tuple(facts))
        ]
    return [
        Evidence(PLATFORM, "eu-eea", f"every region used is in the EU/EEA: {listed}", tuple(facts))
    ]


def _accelerators(view: StackView) -> list[Evidence]:
    pools = view.platform.gpu_pools
    if not pools:
        return [
            Evidence(
                PLATFORM,
                None,
                "the platform has no GPU pool; its other hardware is not catalogued",
                (_planned(view, "the description has no GPU pool"),),
            )
        ]
    models = gpu_models()
    vendors = technologies().gpu_vendors
    facts: list[Fact] = []
    outside: list[str] = []
    unknown: list[str] = []
    for pool in pools:
        model = models[pool.gpu]
        facts.append(
            Fact.sourced(
                f"pool {pool.name}: {model.name}, made by {model.vendor.value}", model.provenance
            )
        )
        vendor = vendors.get(model.vendor)
        if vendor is None:
            unknown.append(f"no fact about GPU vendor {model.vendor.value}")
            continue
        facts.append(
            Fact.sourced(
                f"{vendor.company}: home country {country_name(vendor.home_country)}",
                vendor.provenance,
            )
        )
        if vendor.home_country in level_table().eu_eea:
            unknown.append(
                f"{vendor.company} is in the EU/EEA, but where its GPUs are made is not catalogued"
            )
        else:
            outside.append(f"{pool.gpu} ({vendor.company}, {vendor.home_country})")
    if unknown:
        return [Evidence(PLATFORM, None, "; ".join(sorted(set(unknown))), unique(facts))]
    return [
        Evidence(
            PLATFORM,
            "outside-eu",
            f"GPUs designed outside the EU: {', '.join(outside)}",
            unique(facts),
        )
    ]


PLATFORM_PROBES = (
    Probe(
        "key-control",
        frozenset({"provider-only", "customer-key"}),
        frozenset({"services.key_manager"}),
        "a plan that compiles, with a data store whose key the mapping can read",
        _key_control,
    ),
    Probe(
        "data-location",
        frozenset({"eu-eea", "adequacy", "third-country"}),
        frozenset({"regions"}),
        "a region set on every provider object, and its country in the cloud's profile (regions)",
        _data_location,
    ),
    Probe(
        "accelerator-vendor",
        frozenset({"outside-eu"}),
        frozenset({"gpus", "gpu_vendors"}),
        "a GPU pool whose GPU vendor has a home country in technologies.yaml",
        _accelerators,
    ),
)
"""The probes about the platform, by name in the registry."""
