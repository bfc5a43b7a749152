"""Reports for tools: JSON, SARIF 2.1.0 (code scanning) and JUnit XML (CI test views)."""

from __future__ import annotations

import json
from typing import Any
from xml.etree import ElementTree as ET

from souverain.reports.common import (
    COVERAGE_ID,
    NOT_JUDGED,
    condition_dict,
    condition_text,
    finding_text,
    is_description,
    short_location,
    waiver_dict,
    waiver_line,
    waiver_notes,
)
from souverain.reports.taxonomies import (
    mapping_dict,
    sarif_relationships,
    sarif_taxonomies,
    serves,
    supported_taxonomies,
)
from souverain.rules.evaluate import Finding, Report
from souverain.rules.levels import Enforcement
from souverain.rules.model import Condition
from souverain.state import BACKEND_SETTING, SETTINGS

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {
    Enforcement.MANDATORY: "error",
    Enforcement.ADVISORY: "warning",
    Enforcement.DISABLED: "none",
}


_COVERAGE_RULE = {
    "id": COVERAGE_ID,
    "name": "NotJudged",
    "shortDescription": {"text": "Resource not judged"},
    "fullDescription": {
        "text": "No mapping file knows this resource's type, so no rule could judge it."
    },
    "help": {
        "text": "Add the type to the provider package's mapping file (souverain/vocabulary/data).",
        "markdown": "**Fix:** add the type to the provider package's mapping file.",
    },
    "defaultConfiguration": {"level": "warning"},
    "properties": {"tags": ["sovereignty", "coverage"]},
}


def to_json(report: Report) -> str:
    """Every rule outcome and finding, sorted, as indented JSON."""
    data = {
        "project": report.project,
        "stack": report.stack,
        "level": report.level,
        "passed": report.passed,
        "resources": report.resources,
        "rules": [
            {
                "id": o.rule.ID,
                "title": o.rule.TITLE,
                "enforcement": str(o.enforcement),
                "status": o.status,
                "checked": o.checked,
                **mapping_dict(o.rule.ID),
            }
            for o in report.outcomes
        ],
        "findings": [_finding(f) for f in report.findings],
        "conditions": [condition_dict(c) for c in report.conditions],
        "waivers": {
            "expired": [waiver_dict(w) for w in report.waivers.expired],
            "unused": [waiver_dict(w) for w in report.waivers.unused],
            "unmatched": [waiver_dict(w) for w in report.waivers.unmatched],
        },
        "notJudged": [{"urn": urn, "type": type_} for urn, type_ in report.not_judged],
    }
    return json.dumps(data, indent=2, sort_keys=True) + "\n"


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.violation.rule,
        "location": finding.violation.location,
        "resourceType": finding.violation.resource_type,
        "message": finding.violation.message,
        "disputed": finding.violation.dispute or None,
        "enforcement": str(finding.enforcement),
        "blocking": finding.blocking,
        "waiver": waiver_dict(finding.waiver) if finding.waiver else None,
    }


def _line(finding: Finding) -> str:
    return f"{short_location(finding.violation.location)}: {finding_text(finding)}"


def _justification(finding: Finding) -> str:
    waiver = finding.waiver
    assert waiver is not None
    return f"{waiver.reason} (owner {waiver.owner}, until {waiver.expires})"


def source_of(report: Report, location: str) -> str:
    """The file a finding points to.

    The stack file for resources and state settings (``Pulumi.yaml`` for a backend declared
    there), the program for the description.
    """
    if (
        location == BACKEND_SETTING
        and report.state
        and "Pulumi.yaml" in report.state.backend_source
    ):
        return "Pulumi.yaml"
    if location.startswith("urn:") or location in SETTINGS:
        return report.sources.get("stack", "Pulumi.yaml")
    return report.sources.get("description", "__main__.py")


def to_sarif(report: Report) -> str:
    """A SARIF 2.1.0 log: rule metadata with help text, results located in the sources.

    Each rule relates to the EU-CSF objectives and FINOS controls it serves, both carried
    as taxonomies of the run.
    """
    rules: list[dict[str, Any]] = [
        {
            "id": o.rule.ID,
            "name": "".join(w.capitalize() for w in o.rule.TITLE.split()),
            "shortDescription": {"text": o.rule.TITLE},
            "fullDescription": {"text": o.rule.RATIONALE},
            "help": {"text": o.rule.REMEDIATION, "markdown": f"**Fix:** {o.rule.REMEDIATION}"},
            "defaultConfiguration": {"level": _SARIF_LEVEL[o.enforcement]},
            "properties": {"tags": ["sovereignty", "security"]},
            "relationships": sarif_relationships(o.rule.ID),
        }
        for o in report.outcomes
    ]
    index = {o.rule.ID: i for i, o in enumerate(report.outcomes)}
    results = []
    for finding in report.findings:
        uri = source_of(report, finding.violation.location)
        result: dict[str, Any] = {
            "ruleId": finding.violation.rule,
            "ruleIndex": index[finding.violation.rule],
            "level": _SARIF_LEVEL[finding.enforcement],
            "message": {"text": _line(finding)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {"startLine": 1},
                    },
                    "logicalLocations": [
                        {
                            "fullyQualifiedName": finding.violation.location,
                            "kind": "member" if is_description(finding) else "resource",
                        }
                    ],
                }
            ],
            "partialFingerprints": {
                "souverain/v1": f"{finding.violation.rule}:{finding.violation.location}"
            },
        }
        if finding.violation.dispute:
            result["properties"] = {"disputed": finding.violation.dispute}
        if finding.waiver is not None:
            result["suppressions"] = [
                {
                    "kind": "external",
                    "status": "accepted",
                    "justification": _justification(finding),
                }
            ]
        results.append(result)
    results += [_condition_result(report, c, index[c.rule]) for c in report.conditions]
    if report.not_judged:
        rules.append(_COVERAGE_RULE)
        results += [
            {
                "ruleId": COVERAGE_ID,
                "ruleIndex": len(rules) - 1,
                "level": "warning",
                "message": {"text": f"{short_location(urn)}: {NOT_JUDGED} ({type_})"},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": report.sources["stack"]},
                            "region": {"startLine": 1},
                        },
                        "logicalLocations": [{"fullyQualifiedName": urn, "kind": "resource"}],
                    }
                ],
                "partialFingerprints": {"souverain/v1": f"{COVERAGE_ID}:{urn}"},
            }
            for urn, type_ in report.not_judged
        ]
    notifications = [
        {
            "level": "error" if state == "expired" else "warning",
            "message": {"text": waiver_line(state, w)},
        }
        for state, w in waiver_notes(report)
    ]
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "souverain",
                        "version": "0.1.0",
                        "rules": rules,
                        "supportedTaxonomies": supported_taxonomies(),
                    }
                },
                "taxonomies": sarif_taxonomies(),
                "automationDetails": {
                    "id": f"souverain/{report.project}/{report.stack}/{report.level}"
                },
                "results": results,
                "invocations": [
                    {
                        "executionSuccessful": True,
                        "toolExecutionNotifications": notifications,
                    }
                ],
            }
        ],
    }
    return json.dumps(log, indent=2, sort_keys=True) + "\n"


def _condition_result(report: Report, condition: Condition, rule_index: int) -> dict[str, Any]:
    """A pass that depends on a condition: SARIF's ``review`` kind (``pass`` once stated met)."""
    description = not condition.location.startswith("urn:")
    return {
        "ruleId": condition.rule,
        "ruleIndex": rule_index,
        "kind": "pass" if condition.met else "review",
        "level": "none",
        "message": {"text": f"condition {condition_text(condition)}"},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": source_of(report, condition.location)},
                    "region": {"startLine": 1},
                },
                "logicalLocations": [
                    {
                        "fullyQualifiedName": condition.location,
                        "kind": "member" if description else "resource",
                    }
                ],
            }
        ],
        "partialFingerprints": {
            "souverain/v1": f"{condition.rule}:condition:{condition.condition}"
        },
        "properties": {"condition": condition.condition, "met": condition.met},
    }


def to_junit(report: Report) -> str:
    """JUnit XML: one test case per rule; blocking findings fail it, disabled rules skip it.

    The suite's properties name, for each rule, the EU-CSF objectives and FINOS controls it
    serves.
    """
    suite = ET.Element(
        "testsuite",
        name=f"souverain check {report.project}/{report.stack} ({report.level})",
        tests=str(len(report.outcomes)),
        failures=str(sum(any(f.blocking for f in o.findings) for o in report.outcomes)),
        errors="0",
        skipped=str(sum(o.status == "skipped" for o in report.outcomes)),
    )
    properties = ET.SubElement(suite, "properties")
    for outcome in report.outcomes:
        ET.SubElement(properties, "property", name=outcome.rule.ID, value=serves(outcome.rule.ID))
    for outcome in report.outcomes:
        case = ET.SubElement(
            suite,
            "testcase",
            classname="souverain.rules",
            name=f"{outcome.rule.ID} {outcome.rule.TITLE}",
        )
        blocking = [f for f in outcome.findings if f.blocking]
        others = [f for f in outcome.findings if not f.blocking]
        if outcome.status == "skipped":
            ET.SubElement(case, "skipped", message="disabled at this level")
        elif blocking:
            failure = ET.SubElement(
                case,
                "failure",
                message=f"{len(blocking)} mandatory violations",
                type=outcome.rule.ID,
            )
            failure.text = "\n".join(_line(f) for f in blocking)
        notes = [f"{'waived' if f.waiver else 'advisory'}: {_line(f)}" for f in others]
        notes += [f"condition {condition_text(c)}" for c in outcome.conditions]
        if notes:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(notes)
    coverage = ET.SubElement(
        suite, "testcase", classname="souverain.coverage", name="every resource is judged"
    )
    if report.not_judged:
        skipped = ET.SubElement(
            coverage, "skipped", message=f"{len(report.not_judged)} {NOT_JUDGED}"
        )
        skipped.text = "\n".join(f"{urn} ({type_})" for urn, type_ in report.not_judged)
    suite.set("tests", str(len(report.outcomes) + 1))
    suite.set("skipped", str(int(suite.get("skipped", "0")) + bool(report.not_judged)))
    to_look_at = waiver_notes(report)
    if to_look_at:
        case = ET.SubElement(
            suite, "testcase", classname="souverain.waivers", name="waivers are current and used"
        )
        if report.waivers.expired:
            failure = ET.SubElement(case, "failure", message="expired waivers", type="WAIVER")
            failure.text = "\n".join(waiver_line("expired", w) for w in report.waivers.expired)
            suite.set("failures", str(int(suite.get("failures", "0")) + 1))
        out = ET.SubElement(case, "system-out")
        out.text = "\n".join(waiver_line(state, w) for state, w in to_look_at)
        suite.set("tests", str(int(suite.get("tests", "0")) + 1))
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
