"""Mocks that behave like the engine where it matters for a plan.

The SDK's stock mock monitor builds URNs differently from the engine (it keeps only the
last parent type and prefixes top-level types with the stack's), and silently accepts two
resources with the same URN, which the engine rejects. :class:`RecordingMonitor` fixes
both and records what each registration carries: parent, provider, protect flag, inputs
and dependencies. Like the engine, it gives a custom resource created without an explicit
provider the package's default provider, configured from the stack's ``<package>:*`` keys,
so rules see the region a hand-written program deploys to.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Mapping
from typing import Any

from pulumi.runtime import mocks

from souverain.errors import SouverainError
from souverain.plan.model import PlannedResource
from souverain.plan.wire import plain

STACK_TYPE = "pulumi:pulumi:Stack"


class PlanMocks(mocks.Mocks):
    """Deterministic ids and echoed inputs: enough for adapters to wire resources together."""

    def new_resource(self, args: mocks.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        """Give every resource the id ``<name>-id`` and return its inputs as its state."""
        return f"{args.name}-id", dict(args.inputs)

    def call(self, args: mocks.MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]]]:
        """Answer data-source lookups with an id derived from the looked-up name."""
        name = args.args.get("name") or args.token.rsplit(":", 1)[-1]
        return {**args.args, "id": f"{name}-id"}, []


PROVIDERS = "pulumi:providers:"


class RecordingMonitor(mocks.MockMonitor):
    """A mock resource monitor with engine URNs, duplicate detection and full recording."""

    def __init__(
        self, mock: mocks.Mocks, project: str, stack: str, config: Mapping[str, str]
    ) -> None:
        super().__init__(mock)
        self.project = project
        self.stack = stack
        self.config = config
        self.stack_urn = ""
        self.recorded: dict[str, PlannedResource] = {}
        self._thread_loops: dict[int, asyncio.AbstractEventLoop] = {}

    def _note_thread_loop(self) -> None:
        # The SDK calls the monitor from worker threads and gives each its own event loop,
        # which nothing closes; remember them so close_thread_loops() can.
        if threading.current_thread() is not threading.main_thread():
            loop = asyncio.get_event_loop_policy().get_event_loop()
            self._thread_loops[id(loop)] = loop

    def close_thread_loops(self) -> None:
        """Close the event loops the SDK opened in worker threads during this run."""
        for loop in self._thread_loops.values():
            if not loop.is_running() and not loop.is_closed():
                loop.close()
        self._thread_loops.clear()

    def Invoke(self, request: Any) -> Any:
        """Answer a data-source call through the mocks (and remember this thread's loop)."""
        response = super().Invoke(request)  # type: ignore[no-untyped-call]
        self._note_thread_loop()
        return response

    def make_urn(self, parent: str, type_: str, name: str) -> str:
        """Build the URN as the engine does: the full parent type chain, without the stack."""
        if parent and parent != self.stack_urn:
            type_ = f"{parent.split('::')[2]}${type_}"
        return f"urn:pulumi:{self.stack}::{self.project}::{type_}::{name}"

    def _default_provider(self, package: str, version: str) -> str:
        """The URN of the package's default provider, recorded the first time it is needed.

        The engine names it ``default_<version>`` and configures it from the stack's
        ``<package>:<key>`` config values (strings, as the engine passes them).
        """
        name = "default_" + version.replace(".", "_") if version else "default"
        urn = self.make_urn("", f"{PROVIDERS}{package}", name)
        if urn not in self.recorded:
            prefix = f"{package}:"
            inputs = {k[len(prefix) :]: v for k, v in self.config.items() if k.startswith(prefix)}
            self.recorded[urn] = PlannedResource(
                urn=urn,
                type=f"{PROVIDERS}{package}",
                name=name,
                custom=True,
                parent=None,
                provider=None,
                protect=False,
                inputs=dict(
                    sorted({**inputs, **({"version": version} if version else {})}.items())
                ),
                dependencies=[],
            )
        return urn

    def RegisterResource(self, request: Any) -> Any:
        """Record the registration, rejecting a URN that is already taken."""
        urn = self.make_urn(request.parent, request.type, request.name)
        if request.type == STACK_TYPE:
            self.stack_urn = urn
            return super().RegisterResource(request)  # type: ignore[no-untyped-call]
        if urn in self.recorded:
            raise SouverainError(
                f"two resources have the same URN {urn}; give them distinct names "
                "(the engine refuses duplicate URNs)"
            )
        parent = request.parent if request.parent != self.stack_urn else ""
        provider = request.provider.rsplit("::", 1)[0] if request.provider else None
        if provider is None and request.custom and not request.type.startswith(PROVIDERS):
            provider = self._default_provider(request.type.split(":", 1)[0], request.version)
        self.recorded[urn] = PlannedResource(
            urn=urn,
            type=request.type,
            name=request.name,
            custom=bool(request.custom),
            parent=parent or None,
            provider=provider,
            protect=bool(request.protect),
            inputs=plain(request.object),
            dependencies=sorted(set(request.dependencies)),
            property_dependencies={
                key: sorted(set(deps.urns))
                for key, deps in sorted(request.propertyDependencies.items())
                if deps.urns
            },
        )
        response = super().RegisterResource(request)  # type: ignore[no-untyped-call]
        self._note_thread_loop()
        return response
