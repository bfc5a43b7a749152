"""The souverain policy pack: the same rules `souverain check` runs, served to the engine.

Run with: pulumi preview --policy-pack policies --policy-pack-config <config.json>
(`souverain policy-config --stack S` writes that config for a stack and level).
"""

from pulumi_policy import EnforcementLevel, PolicyPack

from souverain.rules.pack import build_policies

PolicyPack(
    name="souverain-sovereignty",
    enforcement_level=EnforcementLevel.MANDATORY,
    policies=build_policies(),
)
