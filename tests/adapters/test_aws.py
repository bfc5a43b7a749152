"""The AWS adapter's resources for each pillar, what it refuses, and how the rules judge it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from souverain.adapters.features import Feature
from souverain.adapters.registry import available_adapters, load_adapter
from souverain.catalog.resolve import cloud_profile
from souverain.check import run_check
from souverain.deploy import compile_adapters, deploy
from souverain.errors import SouverainError
from souverain.model.loading import platform_from_data
from souverain.plan.capture import capture_program
from souverain.rules.config import CheckConfig
from souverain.rules.context import RuleContext
from souverain.rules.levels import DEFAULT_LEVEL
from souverain.rules.views import resource_views
from souverain.target import StackTarget, Target
from souverain.testing.conformance import plan_on, stack_config
from souverain.vocabulary.judge import judge
from souverain_aws.adapter import AwsAdapter
from souverain_aws.storage import public_read_policy
from tests.conftest import PROJECT, SSH_KEY

PROVIDER = "pulumi:providers:aws"
VPC = "aws:ec2/vpc:Vpc"
SUBNET = "aws:ec2/subnet:Subnet"
GROUP = "aws:ec2/securityGroup:SecurityGroup"
INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"
INSTANCE = "aws:ec2/instance:Instance"
PLACEMENT = "aws:ec2/placementGroup:PlacementGroup"
EIP = "aws:ec2/eip:Eip"
GATEWAY = "aws:ec2/internetGateway:InternetGateway"
BUCKET = "aws:s3/bucket:Bucket"
SSE = "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration"
BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
VERSIONING = "aws:s3/bucketVersioning:BucketVersioning"
LOCK = "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration"
LIFECYCLE = "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration"
KEY = "aws:kms/key:Key"

PARIS = AwsAdapter.example_target()


def plan(data, target: Target = PARIS):
    return plan_on(platform_from_data(data), target, AwsAdapter())


def refusal(data, target: Target = PARIS) -> str:
    with pytest.raises(SouverainError) as caught:
        plan(data, target)
    return caught.value.render()


def paris(**options) -> Target:
    return PARIS.model_copy(update={"options": {**PARIS.options, **options}})


def test_registered_by_entry_point_and_imports_no_sdk_until_deploy():
    assert "aws" in available_adapters()
    assert isinstance(load_adapter("aws"), AwsAdapter)
    code = "import sys, souverain_aws.adapter; print('pulumi_aws' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False"


def test_every_resource_uses_one_explicit_provider_in_the_region(minimal):
    planned = plan(minimal)
    provider = planned.of_type(PROVIDER)
    assert len(provider) == 1
    assert provider[0].inputs["region"] == "eu-west-3"
    custom = [r for r in planned.resources if r.custom and r.type != PROVIDER]
    assert custom and all(r.provider == provider[0].urn for r in custom)


def test_network_is_a_private_vpc(minimal):
    planned = plan(minimal)
    assert planned.of_type(VPC)[0].inputs["cidrBlock"] == "10.0.0.0/16"
    subnet = planned.of_type(SUBNET)[0].inputs
    assert subnet["cidrBlock"] == "10.0.1.0/24"
    assert subnet["mapPublicIpOnLaunch"] is False
    assert not planned.of_type(GATEWAY) and not planned.of_type(EIP)
    assert "0.0.0.0/0" not in {r.inputs.get("cidrIpv4") for r in planned.of_type(INGRESS)}


def test_each_pool_has_a_security_group_from_the_described_rules(minimal):
    minimal["network"]["ingress"] = [
        {"description": "ssh", "port": 22, "sources": ["192.168.1.0/24", "192.168.2.0/24"]},
        {"description": "ping", "protocol": "icmp", "sources": ["192.168.1.0/24"]},
    ]
    minimal["network"]["egress"] = {"mode": "allow-all"}
    minimal["gpu_pools"].append({"name": "serve", "gpu": "L4", "image": "Ubuntu 24.04"})
    planned = plan(minimal)
    groups = {r.name for r in planned.of_type(GROUP)}
    assert groups == {"demo-peers", "demo-train-nodes", "demo-serve-nodes"}
    rules = {r.name: r.inputs for r in planned.of_type(INGRESS)}
    # Rules are kept in a canonical order (protocol, ports...): ICMP first, then SSH.
    assert rules["demo-train-nodes-ingress-1-1"]["cidrIpv4"] == "192.168.2.0/24"
    assert (
        rules["demo-serve-nodes-ingress-1-0"]["fromPort"],
        rules["demo-serve-nodes-ingress-1-0"]["toPort"],
    ) == (22, 22)
    assert rules["demo-train-nodes-ingress-0-0"]["ipProtocol"] == "icmp"
    egress = {r.name: r.inputs for r in planned.of_type(EGRESS)}
    assert egress["demo-train-nodes-egress-0"]["cidrIpv4"] == "0.0.0.0/0"


def test_gpu_nodes_get_catalog_types_imdsv2_and_encrypted_disks(minimal):
    minimal["gpu_pools"] = [
        {"name": "train", "gpu": "H100", "image": "Ubuntu 24.04", "min_nodes": 2, "max_nodes": 2},
        {
            "name": "serve",
            "gpu": "L4",
            "image": "Ubuntu 24.04",
            "boot_disk_gib": 200,
            "ssh_public_key": SSH_KEY,
        },
    ]
    planned = plan(minimal)
    nodes = {r.name: r for r in planned.of_type(INSTANCE)}
    assert sorted(nodes) == ["demo-serve-0", "demo-train-0", "demo-train-1"]
    assert nodes["demo-train-0"].inputs["instanceType"] == "p5.4xlarge"  # named by the stack
    serve = nodes["demo-serve-0"]
    assert serve.inputs["instanceType"] == "g6.xlarge"  # from the catalog
    assert serve.inputs["metadataOptions"]["httpTokens"] == "required"
    assert serve.inputs["associatePublicIpAddress"] is False
    disk = serve.inputs["rootBlockDevice"]
    assert (disk["encrypted"], disk["volumeSize"]) == (True, 200)
    key = planned.of_type(KEY)[0].urn
    assert serve.property_dependencies["rootBlockDevice"] == [key]
    assert serve.inputs["tags"]["souverain-image"] == "Ubuntu 24.04"
    assert serve.inputs["keyName"] == "demo-serve-key"
    assert {r.inputs["strategy"] for r in planned.of_type(PLACEMENT)} == {"cluster"}


def test_a_public_pool_gets_marked_addresses_and_a_gateway(minimal):
    minimal["gpu_pools"][0]["public"] = True
    planned = plan(minimal)
    address = planned.of_type(EIP)[0].inputs
    assert address["tags"]["souverain-public"] == "allowed"
    assert planned.of_type(GATEWAY)


def test_buckets_are_private_sse_kms_versioned_and_protected(minimal):
    minimal["buckets"][0].update(
        retention={"days": 30, "mode": "compliance"},
        lifecycle=[{"prefix": "tmp/", "expire_after_days": 7}],
    )
    planned = plan(minimal)
    bucket = planned.of_type(BUCKET)[0]
    assert bucket.protect and bucket.inputs["bucket"] == "demo-datasets"
    assert bucket.inputs["objectLockEnabled"] is True
    sse = planned.of_type(SSE)[0]
    assert sse.inputs["rules"][0]["applyServerSideEncryptionByDefault"]["sseAlgorithm"] == "aws:kms"
    assert sse.property_dependencies["rules"] == [planned.of_type(KEY)[0].urn]
    block = planned.of_type(BLOCK)[0].inputs
    assert all(
        block[k]
        for k in (
            "blockPublicAcls",
            "blockPublicPolicy",
            "ignorePublicAcls",
            "restrictPublicBuckets",
        )
    )
    assert planned.of_type(VERSIONING)[0].inputs["versioningConfiguration"]["status"] == "Enabled"
    lock = planned.of_type(LOCK)[0].inputs["rule"]["defaultRetention"]
    assert lock == {"days": 30, "mode": "COMPLIANCE"}
    assert planned.of_type(LIFECYCLE)[0].inputs["rules"][0]["expiration"]["days"] == 7


def test_a_public_bucket_policy_is_readable_by_the_rules():
    policy = public_read_policy("aws", "demo-site")
    assert '"Principal":"*"' in policy and "arn:aws:s3:::demo-site/*" in policy
    assert "arn:aws-eusc:s3:::x/*" in public_read_policy("aws-eusc", "x")


def test_keys_are_kms_keys_with_rotation_and_protection(minimal):
    minimal["keys"] = [
        {"name": "data", "rotation_days": 180},
        {"name": "sign", "purpose": "signing", "algorithm": "ec-p384"},
        {"name": "mac", "purpose": "signing"},
    ]
    planned = plan(minimal)
    keys = {r.name: r for r in planned.of_type(KEY)}
    assert all(k.protect for k in keys.values())
    data = keys["demo-data"].inputs
    assert (
        data["customerMasterKeySpec"],
        data["enableKeyRotation"],
        data["rotationPeriodInDays"],
    ) == (
        "SYMMETRIC_DEFAULT",
        True,
        180,
    )
    assert (
        keys["demo-sign"].inputs["customerMasterKeySpec"],
        keys["demo-sign"].inputs["keyUsage"],
    ) == (
        "ECC_NIST_P384",
        "SIGN_VERIFY",
    )
    assert keys["demo-mac"].inputs["keyUsage"] == "GENERATE_VERIFY_MAC"
    assert keys["demo-data"].inputs["tags"]["souverain-owner"] == "team"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["keys"][0].update(rotation_days=30),
            "keys[0].rotation_days: KMS rotates keys every 90 to 2560 days",
        ),
        (
            lambda d: d["keys"][0].update(algorithm="ec-p384"),
            "keys[0].algorithm: KMS cannot make an ec-p384 encryption key",
        ),
        (
            lambda d: d["keys"][0].update(algorithm="rsa-4096", rotation_days=90),
            "keys[0].algorithm: KMS rotates only aes-256",
        ),
        (
            lambda d: d["keys"][0].update(algorithm="rsa-4096"),
            "buckets[0].encryption_key: S3 encrypts only with aes-256",
        ),
        (
            lambda d: d["gpu_pools"][0].update(max_nodes=3),
            "gpu_pools[0].max_nodes: needs autoscaling",
        ),
        (
            lambda d: d["gpu_pools"][0].update(confidential_computing=True),
            "needs confidential-computing",
        ),
        (
            lambda d: d["gpu_pools"][0].update(gpu="H200"),
            "eu-west-3 has no flavor with 1 x H200; it offers: g6.12xlarge (4 x L4); g6.xlarge (1 x L4)",
        ),
    ],
)
def test_what_aws_cannot_do_fails_naming_the_field(minimal, change, expected):
    change(minimal)
    assert expected in refusal(minimal)


def test_a_stack_named_type_must_carry_the_pool_gpu(minimal):
    message = refusal(minimal, paris(instanceTypes={"H100": "g6.xlarge"}))
    assert "g6.xlarge has 1 x L4 in the catalog, but the pool asks for 1 x H100" in message


def test_a_key_from_another_key_manager_is_refused(minimal):
    minimal["gpu_pools"] = []
    config = stack_config(PARIS)
    config.values.update(
        {
            "souverain:pillars": {
                "keys": {"adapter": "openstack", "cloud": "ovhcloud", "region": "GRA11"}
            },
            "souverain:openstack": {"externalNetwork": "Ext-Net"},
        }
    )
    with pytest.raises(SouverainError) as caught:
        capture_program(lambda: deploy(platform_from_data(minimal)), config)
    assert (
        "buckets[0].encryption_key: key 'data' is made by the openstack adapter, not in KMS"
        in caught.value.render()
    )


def test_unsupported_features_have_reasons():
    missing = AwsAdapter().unsupported_features(PARIS)
    assert set(missing) == {Feature.AUTOSCALING, Feature.CONFIDENTIAL_COMPUTING}
    assert all(reason for reason in missing.values())


def test_compile_refuses_before_any_resource(minimal):
    minimal["gpu_pools"][0]["max_nodes"] = 2
    target = StackTarget(adapter="aws", cloud="aws", region="eu-west-3")
    with pytest.raises(SouverainError, match="needs autoscaling"):
        compile_adapters(platform_from_data(minimal), target)


def _blocking(level: str) -> set[str]:
    report = run_check(PROJECT, "aws-eu-west-3", CheckConfig(), [], level=level)
    return {f.violation.rule for f in report.findings if f.blocking}


def test_check_fails_at_european_and_stricter_and_passes_at_seal_0():
    assert _blocking("european") == {"SOV-001"}
    assert _blocking("strict") == {"SOV-001", "SOV-003"}
    assert {"SOV-001", "SOV-003"} <= _blocking("full")
    report = run_check(PROJECT, "aws-eu-west-3", CheckConfig(), [], level="seal-0")
    assert report.passed
    advisory = run_check(PROJECT, "aws-eu-west-3", CheckConfig(), [], level="european")
    assert "SOV-003" in {f.violation.rule for f in advisory.findings if not f.blocking}
    assert not advisory.not_judged


def test_the_sovereign_cloud_is_judged_as_its_own_profile(minimal):
    minimal["gpu_pools"] = []
    target = Target(adapter="aws", cloud="aws-european-sovereign-cloud", region="eusc-de-east-1")
    planned = plan_on(platform_from_data(minimal), target, AwsAdapter())
    provider = next(r for r in judge(resource_views(planned)) if r.is_provider)
    ctx = RuleContext(level=DEFAULT_LEVEL)
    cloud, _, facts = ctx.region_facts(provider)
    assert cloud is not None and cloud.id == "aws-european-sovereign-cloud"
    assert facts is not None and facts.country == "DE"
    assert cloud_profile("aws-european-sovereign-cloud").company.provenance.confidence == "disputed"


def test_the_sovereign_cloud_has_no_catalogued_gpu(minimal):
    target = Target(adapter="aws", cloud="aws-european-sovereign-cloud", region="eusc-de-east-1")
    assert "eusc-de-east-1 has no flavor with 1 x H100; it offers: no GPU flavor" in refusal(
        minimal, target
    )
