"""Run the project's real Pulumi program in-process under mocks and capture its plan.

No cloud account and no Pulumi CLI are needed: the program registers its resources with
:class:`RecordingMonitor` instead of the engine. Each capture gets a fresh event loop and
runtime state, so captures can run back to back in one process.
"""

from __future__ import annotations

import asyncio
import os
import runpy
import sys
from collections.abc import Iterator
from contextlib import contextmanager

import pulumi
from pulumi.runtime import config as runtime_config
from pulumi.runtime import mocks, settings
from pulumi.runtime.stack import run_pulumi_func

from souverain.errors import SouverainError
from souverain.plan.mocks import PlanMocks, RecordingMonitor
from souverain.plan.model import Plan
from souverain.project import StackConfig


def capture_plan(stack: StackConfig) -> Plan:
    """Run ``<project>/__main__.py`` for ``stack`` under mocks and return the sorted plan."""
    monitor = RecordingMonitor(PlanMocks(), stack.project, stack.stack)
    main = stack.directory / "__main__.py"
    if not main.is_file():
        raise SouverainError(f"no __main__.py in {stack.directory}: nothing to plan")
    with _isolated_runtime(stack, monitor) as loop:
        try:
            loop.run_until_complete(
                run_pulumi_func(lambda: runpy.run_path(str(main), run_name="__main__"))
            )
        except SouverainError:
            raise
        except pulumi.RunError as error:
            raise SouverainError(str(error)) from None
    resources = sorted(monitor.recorded.values(), key=lambda r: r.urn)
    return Plan(project=stack.project, stack=stack.stack, resources=resources)


@contextmanager
def _isolated_runtime(stack: StackConfig, monitor: RecordingMonitor) -> Iterator[asyncio.AbstractEventLoop]:
    """Fresh loop, root stack, config and import path for one run; restored afterwards."""
    saved_env = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("PULUMI_CONFIG")}
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    sys.path.insert(0, str(stack.directory))
    try:
        settings.reset_options(project=stack.project, stack=stack.stack, preview=True)
        runtime_config.set_all_config(stack.as_engine_strings(), [])
        mocks.set_mocks(
            PlanMocks(), project=stack.project, stack=stack.stack, preview=True, monitor=monitor
        )
        yield loop
    finally:
        sys.path.remove(str(stack.directory))
        asyncio.set_event_loop(None)
        loop.close()
        os.environ.update(saved_env)
