"""The souverain policy pack: the rules `souverain check` runs, enforced by the engine.

pulumi up --policy-pack policies --policy-pack-config policy-config.json
(`souverain policy-config --stack STACK > policy-config.json` writes that config.)
"""

from pulumi_policy import EnforcementLevel, PolicyPack

from souverain.rules.pack import build_policies

PolicyPack(
    name="souverain-sovereignty",
    enforcement_level=EnforcementLevel.MANDATORY,
    policies=build_policies(),
)
