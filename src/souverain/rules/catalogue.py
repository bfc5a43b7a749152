"""The list of rules, in ID order. Adding a rule means adding a module and a line here."""

from __future__ import annotations

from souverain.rules.model import Rule
from souverain.rules.sov001_jurisdiction import AllowedJurisdiction
from souverain.rules.sov002_residency import DataResidency
from souverain.rules.sov003_extraterritorial import ExtraterritorialExposure
from souverain.rules.sov004_customer_keys import CustomerHeldKeys
from souverain.rules.sov005_public_exposure import NoPublicExposure
from souverain.rules.sov006_certification import CertificationForDataClass
from souverain.rules.sov007_traceability import TraceabilityLabels
from souverain.rules.sov008_data_protection import DataProtection
from souverain.rules.sov009_provenance import ImageProvenance
from souverain.rules.sov010_level_fits_data import LevelFitsDataClass
from souverain.rules.sov011_state_location import StateInAllowedJurisdiction

RULES: tuple[type[Rule], ...] = (
    AllowedJurisdiction,
    DataResidency,
    ExtraterritorialExposure,
    CustomerHeldKeys,
    NoPublicExposure,
    CertificationForDataClass,
    TraceabilityLabels,
    DataProtection,
    ImageProvenance,
    LevelFitsDataClass,
    StateInAllowedJurisdiction,
)


def rule_by_id(rule_id: str) -> type[Rule]:
    """The rule class with this ID."""
    return next(rule for rule in RULES if rule_id == rule.ID)
