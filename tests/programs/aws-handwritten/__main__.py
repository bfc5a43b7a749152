"""A hand-written AWS program: a bucket with AWS-managed encryption, SSH open to the world."""

import pulumi
import pulumi_aws as aws

us = aws.Provider("us", region="us-east-1")
opts = pulumi.ResourceOptions(provider=us)
aws.s3.Bucket("training-data", opts=opts)
aws.ec2.SecurityGroup(
    "gpu-nodes",
    ingress=[
        aws.ec2.SecurityGroupIngressArgs(
            protocol="tcp", from_port=22, to_port=22, cidr_blocks=["0.0.0.0/0"]
        )
    ],
    opts=opts,
)
