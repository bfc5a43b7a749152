"""A pool's workload on a virtual machine: a container that cloud-init starts at boot.

Shared by the adapters whose GPU nodes are virtual machines (OpenStack's Nova, AWS's
EC2): both boot images that run cloud-init, so one user-data document serves both. The
node runs the container with podman as a systemd service, with every GPU of the node
(through the NVIDIA container toolkit's CDI devices, which a GPU image provides) and the
workload's port published on the node's private address. The unit restarts it on failure.
"""

from __future__ import annotations

import shlex

import yaml

from souverain.model.workload import Workload

UNIT = "souverain-workload.service"


def cloud_config(workload: Workload) -> str:
    """The ``#cloud-config`` user data that installs podman and starts the workload."""
    run = ["/usr/bin/podman", "run", "--rm", "--name", "souverain-workload"]
    run += ["--device", "nvidia.com/gpu=all"]
    if workload.port is not None:
        run += ["--publish", f"{workload.port}:{workload.port}"]
    for name, value in sorted(workload.env.items()):
        run += ["--env", f"{name}={value}"]
    run += [workload.image, *workload.command]
    unit = "\n".join(
        [
            "[Unit]",
            "Description=souverain workload",
            "After=network-online.target",
            "Wants=network-online.target",
            "",
            "[Service]",
            "ExecStartPre=-/usr/bin/podman rm --force souverain-workload",
            f"ExecStart={shlex.join(run)}",
            "Restart=on-failure",
            "",
            "[Install]",
            "WantedBy=multi-user.target",
            "",
        ]
    )
    document = {
        "packages": ["podman"],
        "write_files": [{"path": f"/etc/systemd/system/{UNIT}", "content": unit}],
        "runcmd": [["systemctl", "daemon-reload"], ["systemctl", "enable", "--now", UNIT]],
    }
    return "#cloud-config\n" + yaml.safe_dump(document, sort_keys=True, width=1000)
