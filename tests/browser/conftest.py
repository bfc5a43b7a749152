"""Debian's Chromium, headless, driven by Playwright: a real browser for the report page.

Playwright's own browsers cannot be downloaded here; it drives the Debian package
(`scripts/install-chromium` installs it on first use). The flags keep Chromium from
making background requests of its own, so a page's request log is the page's alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PROJECT

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--metrics-recording-only",
]


@pytest.fixture(scope="session")
def chromium() -> Path:
    """The Chromium executable, installed from Debian's packages on first use."""
    result = subprocess.run(
        [str(PROJECT / "scripts" / "install-chromium")],
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"Chromium is not available:\n{result.stderr[-3000:]}")
    return Path(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[object]:
    """A headless Chromium for one test module.

    Playwright's sync API keeps an event loop running while it is open, and the offline
    plan runs its own: the browser is closed before other modules plan anything.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium), args=FLAGS, headless=True
        )
        yield launched
        launched.close()


def keep_artefact(path: Path) -> Path:
    """Copy a screenshot to $SOUVERAIN_ARTEFACTS when CI sets it; print where it is."""
    target = os.environ.get("SOUVERAIN_ARTEFACTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        path = Path(shutil.copy(path, Path(target) / path.name))
    print(f"screenshot: {path}")
    return path
