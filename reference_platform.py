"""The reference AI platform: what a European team needs to train and serve models.

Two GPU pools (training on H100, inference on L4), each running the team's container from
its private registry, on a private network reachable only from the team's VPN, and three
buckets encrypted with a key the team holds in the cloud's key manager. Nothing here says
which cloud it runs on, nor whether on virtual machines or Kubernetes: that is the
stack's choice.
"""

from souverain.model import (
    Bucket,
    DataClass,
    Egress,
    GpuPool,
    IngressRule,
    Key,
    Network,
    Platform,
    SovereigntyLevel,
    Subnet,
    SubnetPurpose,
    Workload,
)

VPN = "192.168.100.0/24"
REGISTRY = "registry.sovereign-ai.internal"  # the team's own registry (a private name)

REFERENCE = Platform(
    name="sovereign-ai",
    data_class=DataClass.CONFIDENTIAL,
    sovereignty=SovereigntyLevel.SEAL_3,
    owner="ml-platform-team",
    labels={"cost-center": "research", "environment": "production"},
    network=Network(
        cidr="10.20.0.0/16",
        subnets=[
            Subnet(name="compute", cidr="10.20.1.0/24", purpose=SubnetPurpose.COMPUTE),
            Subnet(name="storage", cidr="10.20.2.0/24", purpose=SubnetPurpose.STORAGE),
        ],
        ingress=[
            IngressRule(description="SSH from the team VPN", port=22, sources=[VPN]),
            IngressRule(description="model API from the team VPN", port=8000, sources=[VPN]),
        ],
        egress=Egress(destinations=["10.0.0.0/8"]),
    ),
    gpu_pools=[
        GpuPool(
            name="training",
            gpu="H100",
            gpus_per_node=1,
            min_nodes=2,
            max_nodes=2,
            image="Ubuntu 24.04",
            workload=Workload(
                image=f"{REGISTRY}/ml/trainer:1.0",
                command=["python", "-m", "trainer", "--checkpoints", "/checkpoints"],
            ),
        ),
        GpuPool(
            name="inference",
            gpu="L4",
            min_nodes=2,
            max_nodes=2,
            image="Ubuntu 24.04",
            workload=Workload(image=f"{REGISTRY}/ml/inference:1.0", port=8000),
        ),
    ],
    keys=[Key(name="data-key")],
    buckets=[
        Bucket(name="datasets", encryption_key="data-key"),
        Bucket(name="checkpoints", encryption_key="data-key"),
        Bucket(name="models", encryption_key="data-key"),
    ],
)
