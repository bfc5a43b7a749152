"""An assessment as the sovereignty report's section: each objective's SEAL and score.

The report shows where a stack stands against the framework next to the rules' verdicts;
the full evidence stays with ``souverain assess``, which the section points to.
"""

from __future__ import annotations

from souverain.assessment.assess import Assessment
from souverain.assessment.framework import framework, seal_code
from souverain.assessment.render import DISCLAIMER, objective_label
from souverain.reports.sovereignty import Assessment as Section
from souverain.reports.sovereignty import Objective


def report_section(assessment: Assessment) -> Section:
    """The objectives with their SEAL, score and confidence, and the overall result."""
    info = framework().framework
    return Section(
        title=f"{info.name} ({info.short}) v{info.version}: self-assessment",
        objectives=tuple(
            Objective(
                id=result.id,
                name=objective_label(result),
                level=seal_code(result.seal),
                summary=(
                    f"score {result.score * 100:.1f}% (weight {result.weight}), "
                    f"confidence {result.confidence}"
                ),
            )
            for result in assessment.objectives
        ),
        overall=f"{seal_code(assessment.seal)}, sovereignty score {assessment.score:.1f}%",
        source=(
            f"{info.provenance.citation()}; weights {assessment.weighting_id}. {DISCLAIMER} "
            f"Evidence per criterion: souverain assess --stack {assessment.stack}."
        ),
    )
