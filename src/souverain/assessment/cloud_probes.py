"""Probes that read the catalog's facts about each cloud a stack uses.

Each returns one :class:`Evidence` per placement (cloud and region), so a stack whose
pillars go to several clouds is judged on every one of them, and the weakest decides.
A missing fact is an unknown outcome, never a good one.
"""

from __future__ import annotations

from collections.abc import Callable

from souverain.assessment.evidence import UNKNOWN, Evidence, Fact, Placed, Probe, StackView
from souverain.assessment.technology import technologies
from souverain.catalog.clouds import Cloud, Company
from souverain.catalog.countries import country_name
from souverain.rules.levels import level_table


def each_cloud(
    judge: Callable[[Placed, StackView], Evidence], pillars: tuple[str, ...] = ()
) -> Callable[[StackView], list[Evidence]]:
    """A collector judging every placement (or those holding one of ``pillars``)."""

    def collect(view: StackView) -> list[Evidence]:
        chosen = [p for p in view.placements if not pillars or set(p.pillars) & set(pillars)]
        return [judge(placed, view) for placed in chosen]

    return collect


def absent(cloud: Cloud, what: str, reason: str) -> Evidence:
    """Unknown evidence, resting on the profile that lacks the fact."""
    fact = Fact(
        f"the {cloud.id} profile records no {what}",
        f"souverain catalog, profile {cloud.id}",
        UNKNOWN,
    )
    return Evidence(cloud.name, None, reason, (fact,))


def _no_company(cloud: Cloud) -> Evidence:
    return absent(cloud, "company", f"the catalog records no controlling company for {cloud.name}")


def company_fact(company: Company) -> Fact:
    """The controlling company as a sourced fact."""
    owner = f"; {company.ownership}" if company.ownership else ""
    return Fact.sourced(
        f"{company.name}: home country {country_name(company.home_country)}, "
        f"{company.jurisdiction.upper()} jurisdiction{owner}",
        company.provenance,
    )


def _controlling_company(placed: Placed, view: StackView) -> Evidence:
    cloud, company = placed.cloud, placed.cloud.company
    if company is None:
        return _no_company(cloud)
    inside = company.home_country in level_table().eu_eea
    where = "inside" if inside else "outside"
    return Evidence(
        cloud.name,
        "eu-eea" if inside else "outside-eu",
        f"{company.name} is controlled from {country_name(company.home_country)}, "
        f"{where} the EU/EEA",
        (company_fact(company),),
    )


def _extraterritorial(placed: Placed, view: StackView) -> Evidence:
    cloud, company = placed.cloud, placed.cloud.company
    if company is None:
        return _no_company(cloud)
    facts = [company_fact(company)]
    laws = ", ".join(company.extraterritorial_laws)
    if laws and company.provenance.disputed:
        return Evidence(
            cloud.name,
            "subsidiary-disputed",
            f"{company.name} belongs to a group subject to {laws}; whether they reach it "
            "is disputed",
            tuple(facts),
        )
    if laws:
        return Evidence(cloud.name, "exposed", f"{company.name} is subject to {laws}", tuple(facts))
    facts += [
        Fact.sourced(
            f"{exposure.law}" + (f" through {exposure.through}" if exposure.through else ""),
            exposure.provenance,
        )
        for exposure in company.exposures
    ]
    undisputed = [e for e in company.exposures if not e.provenance.disputed]
    if undisputed:
        return Evidence(
            cloud.name,
            "exposed",
            f"{company.name} may be reached by {undisputed[0].law}",
            tuple(facts),
        )
    if company.exposures:
        laws = ", ".join(e.law for e in company.exposures)
        return Evidence(
            cloud.name,
            "exposure-disputed",
            f"{company.name} may be reached by {laws}: disputed, and contested by the provider",
            tuple(facts),
        )
    version = level_table().least_version("SecNumCloud")
    qualified = cloud.certification("SecNumCloud", version)
    if qualified is not None:
        facts.append(
            Fact.sourced(
                f"SecNumCloud {qualified.version}: {qualified.scope}", qualified.provenance
            )
        )
        return Evidence(
            cloud.name,
            "immune",
            f"{cloud.name} holds SecNumCloud {qualified.version}, which requires immunity "
            "from non-EU law (section 19.6)",
            tuple(facts),
        )
    return Evidence(
        cloud.name,
        "none-recorded",
        f"no exposure of {company.name} to non-EU law is recorded, nor verified immunity",
        tuple(facts),
    )


def _stated(condition: str, view: StackView) -> str:
    return "stated met" if condition in view.conditions_met else "not stated met"


def _certifications(placed: Placed, view: StackView) -> Evidence:
    cloud = placed.cloud
    facts = []
    for cert in sorted(cloud.certifications, key=lambda c: c.name):
        version = f" {cert.version}" if cert.version else ""
        covers = "covers this offering" if cert.covers_profile else "does NOT cover this offering"
        conditions = [f"{c.text} ({_stated(f'{cloud.id}/{c.id}', view)})" for c in cert.conditions]
        when = f"; holds only if {'; and '.join(conditions)}" if conditions else ""
        facts.append(
            Fact.sourced(f"{cert.name}{version} ({cert.scope}): {covers}{when}", cert.provenance)
        )
    qualified = cloud.certification("SecNumCloud", level_table().least_version("SecNumCloud"))
    covering = sorted(c.name for c in cloud.certifications if c.covers_profile)
    if qualified is not None:
        outcome, reason = "qualified", f"{cloud.name} holds SecNumCloud {qualified.version}"
    elif covering:
        outcome, reason = "audited", f"{cloud.name} holds {', '.join(covering)} for this offering"
    else:
        missing = absent(cloud, "certification covering this offering", "")
        return Evidence(
            cloud.name,
            None,
            f"no certification covering {cloud.name} is catalogued",
            (*facts, *missing.facts),
        )
    return Evidence(cloud.name, outcome, reason, tuple(facts))


def _support(placed: Placed, view: StackView) -> Evidence:
    cloud, operations = placed.cloud, placed.cloud.operations
    if operations is None:
        return absent(
            cloud,
            "operations",
            f"no source in the catalog says where {cloud.name} is supported from",
        )
    return Evidence(
        cloud.name,
        operations.support.value,
        f"{operations.operated_by} supports {cloud.name}; "
        f"support staff: {operations.support.value}",
        (
            Fact.sourced(
                f"operated and supported by {operations.operated_by}", operations.provenance
            ),
        ),
    )


def _power_usage(placed: Placed, view: StackView) -> Evidence:
    cloud = placed.cloud
    pue = cloud.sustainability.pue if cloud.sustainability else None
    if pue is None:
        return absent(cloud, "sustainability.pue", f"no PUE of {cloud.name} is catalogued")
    outcome = "below-1.3" if pue.value < 1.3 else "below-3" if pue.value < 3 else "at-least-3"
    return Evidence(
        cloud.name,
        outcome,
        f"{cloud.name} publishes a PUE of {pue.value:g} ({pue.scope})",
        (Fact.sourced(f"PUE {pue.value:g}: {pue.scope}", pue.provenance),),
    )


def _report(placed: Placed, view: StackView) -> Evidence:
    cloud = placed.cloud
    found = cloud.sustainability
    if found is None or found.report is None:
        return absent(
            cloud, "sustainability.report", f"no environmental report of {cloud.name} is catalogued"
        )
    facts = [Fact.sourced(f"published in: {found.report.name}", found.report.provenance)]
    if found.renewable_share is not None:
        share = found.renewable_share
        facts.append(
            Fact.sourced(
                f"renewable share {share.value:.0%}: {share.scope}", share.provenance, context=True
            )
        )
    return Evidence(
        cloud.name, "annual-report", f"{cloud.name} publishes {found.report.name}", tuple(facts)
    )


def _software(placed: Placed, view: StackView, interfaces: bool) -> Evidence:
    cloud = placed.cloud
    software = technologies().apis.get(cloud.api)
    if software is None:
        return Evidence(
            cloud.name,
            None,
            f"no fact about the software behind the {cloud.api} API",
            (
                Fact(
                    f"technologies.yaml has no entry for the {cloud.api} API",
                    "souverain technologies.yaml",
                    UNKNOWN,
                ),
            ),
        )
    licence = f" under {software.licence}" if software.licence else ""
    kind = "open source" + licence if software.open_source else "closed source"
    fact = Fact.sourced(
        f"{software.name}: {kind}, governed by {software.governance}; interfaces "
        f"{software.interfaces.value}",
        software.provenance,
    )
    outcome = software.interfaces.value if interfaces else software.outcome
    return Evidence(
        cloud.name,
        outcome,
        f"{cloud.name} is reached through its {cloud.api} API: {software.name}, {kind}",
        (fact,),
    )


_STANDARD_EXPORT = ("s3", "swift")
"""Object storage APIs other clouds implement too, so data leaves by a documented method."""


def _export(placed: Placed, view: StackView) -> Evidence:
    cloud = placed.cloud
    service = cloud.services.get("object_storage")
    if service is None or service.available is None or (service.available and not service.kinds):
        return absent(
            cloud,
            "object storage API (services.object_storage)",
            f"the catalog does not say which object storage API {cloud.name} offers",
        )
    fact = Fact.sourced(
        f"object storage: {', '.join(service.kinds) or 'none'}"
        + (f" ({service.note})" if service.note else ""),
        service.provenance,
    )
    standard = [k for k in service.kinds if k in _STANDARD_EXPORT]
    if service.offered_in(placed.region) and standard:
        return Evidence(
            cloud.name,
            "standard-api",
            f"the platform's data leaves {placed.where} through the {'/'.join(standard)} API, "
            "as souverain's exit plan (souverain diff) copies it",
            (fact,),
        )
    return Evidence(
        cloud.name,
        "no-standard-api",
        f"{placed.where} offers no object storage API other clouds implement",
        (fact,),
    )


CLOUD_PROBES = (
    Probe(
        "controlling-company",
        frozenset({"eu-eea", "outside-eu"}),
        frozenset({"company.home_country"}),
        "the controlling company of the cloud (company, with its home country)",
        each_cloud(_controlling_company),
    ),
    Probe(
        "extraterritorial-reach",
        frozenset(
            {"exposed", "subsidiary-disputed", "exposure-disputed", "none-recorded", "immune"}
        ),
        frozenset({"company.extraterritorial_laws", "company.exposures", "certifications"}),
        "the controlling company, its extraterritorial laws and exposures",
        each_cloud(_extraterritorial),
    ),
    Probe(
        "certifications",
        frozenset({"audited", "qualified"}),
        frozenset({"certifications"}),
        "a certification covering the offering (certifications, covers_profile: true)",
        each_cloud(_certifications),
    ),
    Probe(
        "support-staff",
        frozenset({"eu", "mostly-eu", "global"}),
        frozenset({"operations"}),
        "a source saying where the cloud's support staff work (operations.support)",
        each_cloud(_support),
    ),
    Probe(
        "power-usage",
        frozenset({"below-1.3", "below-3", "at-least-3"}),
        frozenset({"sustainability.pue"}),
        "the PUE the provider publishes (sustainability.pue)",
        each_cloud(_power_usage),
    ),
    Probe(
        "sustainability-report",
        frozenset({"annual-report"}),
        frozenset({"sustainability.report", "sustainability.renewable_share"}),
        "the report in which the provider publishes its environmental figures "
        "(sustainability.report)",
        each_cloud(_report),
    ),
    Probe(
        "api-software",
        frozenset({"open-independent", "open-single-vendor", "closed"}),
        frozenset({"api"}),
        "a fact about the software behind the cloud's API family (technologies.yaml)",
        each_cloud(lambda placed, view: _software(placed, view, interfaces=False)),
    ),
    Probe(
        "api-interfaces",
        frozenset({"open-specification", "vendor-controlled"}),
        frozenset({"api"}),
        "a fact about the cloud's API family (technologies.yaml)",
        each_cloud(lambda placed, view: _software(placed, view, interfaces=True)),
    ),
    Probe(
        "data-export",
        frozenset({"standard-api", "no-standard-api"}),
        frozenset({"services.object_storage"}),
        "the object storage API of the cloud the storage pillar goes to (services.object_storage)",
        each_cloud(_export, pillars=("storage",)),
    ),
)
"""The probes about clouds, by name in the registry."""
