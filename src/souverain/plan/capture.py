"""Run a Pulumi program in-process under mocks and capture its plan.

No cloud account and no Pulumi CLI are needed: the program registers its resources with
:class:`RecordingMonitor` instead of the engine. Each capture gets a fresh event loop and
runtime state, so captures can run back to back in one process.
"""

from __future__ import annotations

import asyncio
import os
import runpy
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pulumi
from pulumi.runtime import config as runtime_config
from pulumi.runtime import mocks, settings
from pulumi.runtime.stack import run_pulumi_func
from pydantic import ValidationError

from souverain.catalog.store import using_project
from souverain.errors import SouverainError, problems_from_validation
from souverain.model.ai_platform import Platform
from souverain.model.fields import model_paths
from souverain.plan.mocks import PlanMocks, RecordingMonitor
from souverain.plan.model import Plan
from souverain.project import StackConfig


def capture_plan(stack: StackConfig) -> Plan:
    """Run the project's real program (``<project>/__main__.py``) for ``stack``."""
    main = stack.directory / "__main__.py"
    if not main.is_file():
        raise SouverainError(f"no __main__.py in {stack.directory}: nothing to plan")

    def program() -> None:
        runpy.run_path(str(main), run_name="__main__")

    return capture_program(program, stack, import_dir=stack.directory)


def description_error(error: ValidationError, project: Path | None) -> SouverainError:
    """A description written in Python that fails validation, told as a YAML one would be.

    The part that failed (a ``Network``, a ``Subnet``...) is placed at its path from the
    platform's root, and the file named is the program file that built it.
    """
    where = model_paths(Platform).get(error.title)
    prefix = f"{where}." if where else ""
    frames = traceback.extract_tb(error.__traceback__)
    mine = [f.filename for f in frames if project is None or f.filename.startswith(str(project))]
    source = Path(mine[-1]).name if mine else "the program"
    return SouverainError(
        f"{source} is not a valid platform description",
        problems_from_validation(error, prefix=prefix),
    )


def capture_program(
    program: Callable[[], None], stack: StackConfig, import_dir: Path | None = None
) -> Plan:
    """Run ``program`` under mocks with ``stack``'s config and return the sorted plan."""
    monitor = RecordingMonitor(PlanMocks(), stack.project, stack.stack, stack.as_engine_strings())
    # The program looks clouds up in its project's catalog, as it would run by the engine.
    with _isolated_runtime(stack, monitor, import_dir) as loop, using_project(stack.directory):
        try:
            loop.run_until_complete(run_pulumi_func(program))
        except pulumi.RunError as error:
            if isinstance(error.__cause__, SouverainError):
                raise error.__cause__ from None  # keep its located problems
            raise SouverainError(str(error)) from None
        except ValidationError as error:
            raise description_error(error, import_dir) from None
    resources = sorted(monitor.recorded.values(), key=lambda r: r.urn)
    return Plan(project=stack.project, stack=stack.stack, resources=resources)


@contextmanager
def _isolated_runtime(
    stack: StackConfig, monitor: RecordingMonitor, import_dir: Path | None
) -> Iterator[asyncio.AbstractEventLoop]:
    """Fresh loop, root stack, config and import path for one run; restored afterwards."""
    # Config missing from the stack would otherwise be read from PULUMI_CONFIG* variables
    # of the caller's shell, making the plan depend on the environment.
    saved_env = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("PULUMI_CONFIG")}
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    if import_dir is not None:
        sys.path.insert(0, str(import_dir))
    try:
        settings.reset_options(project=stack.project, stack=stack.stack, preview=True)
        runtime_config.set_all_config(stack.as_engine_strings(), [])
        mocks.set_mocks(
            PlanMocks(), project=stack.project, stack=stack.stack, preview=True, monitor=monitor
        )
        yield loop
    finally:
        if import_dir is not None:
            sys.path.remove(str(import_dir))
        asyncio.set_event_loop(None)
        loop.close()
        monitor.close_thread_loops()
        os.environ.update(saved_env)
