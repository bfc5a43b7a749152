"""Every probe by name, and the check that the framework data only names probes that exist.

A criterion in ``objectives.yaml`` names its probe (``evidence:``) and maps every outcome
that probe can return to one of its answers; :func:`checked` refuses data that names an
unknown probe or leaves an outcome unmapped, so no evidence can fall through silently.
"""

from __future__ import annotations

from souverain.assessment.cloud_probes import CLOUD_PROBES
from souverain.assessment.evidence import Probe
from souverain.assessment.framework import Framework
from souverain.assessment.platform_probes import PLATFORM_PROBES
from souverain.errors import Problem, SouverainError

PROBES: dict[str, Probe] = {p.name: p for p in (*CLOUD_PROBES, *PLATFORM_PROBES)}


def problems(data: Framework) -> list[Problem]:
    """What is wrong between the framework data and the probes (empty: nothing)."""
    found: list[Problem] = []
    for objective_id, objective in data.objectives.items():
        for criterion in objective.criteria:
            where = f"{objective_id} {criterion.id}"
            probe = PROBES.get(criterion.evidence)
            if probe is None:
                found.append(Problem(where, f"no probe named {criterion.evidence!r}"))
                continue
            unmapped = sorted(probe.outcomes - criterion.outcomes)
            if unmapped:
                found.append(
                    Problem(where, f"outcomes {unmapped} of {probe.name} map to no answer")
                )
            extra = sorted(criterion.outcomes - probe.outcomes)
            if extra:
                found.append(Problem(where, f"{probe.name} never returns {extra}"))
    return found


def checked(data: Framework) -> Framework:
    """``data``, once it is known to fit the probes (a cheap walk, done on each use)."""
    found = problems(data)
    if found:
        raise SouverainError("the framework data does not fit the probes", found)
    return data
