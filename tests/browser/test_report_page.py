"""The sovereignty report page in a real headless Chromium: what a person sees, and that
opening it contacts nobody."""

from __future__ import annotations

import pytest

from tests.browser.conftest import keep_artefact
from tests.test_cli import souverain

pytestmark = pytest.mark.browser

PARTS = ["network", "training", "inference", "datasets", "checkpoints", "models", "data-key"]


def render(browser, tmp_path, stack: str, level: str):
    """Write the report of a stack, open it, and return the page, its requests and messages."""
    path = tmp_path / f"report-{stack}.html"
    written = souverain("report", "--stack", stack, "--level", level, "--output", str(path))
    assert written.returncode == 0, written.stderr
    page = browser.new_page(viewport={"width": 1100, "height": 1000})
    requests: list[str] = []
    console: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: console.append(message.text))
    page.goto(path.as_uri(), wait_until="load")
    shot = tmp_path / f"report-{stack}.png"
    page.screenshot(path=str(shot), full_page=True)
    keep_artefact(shot)
    assert shot.stat().st_size > 50_000  # a drawn page, not a blank one
    return page, path, requests, console


def test_the_reference_platform_on_ovhcloud(browser, tmp_path):
    page, path, requests, console = render(browser, tmp_path, "ovhcloud-gra11", "european")
    assert requests == [path.as_uri()]  # the page itself, and nothing else
    assert not [m for m in console if "Refused" in m or "Content Security Policy" in m]
    text = page.inner_text("body")
    assert "PASSED at the required level seal-2" in text
    assert "SEAL level reached: seal-2 (required seal-2)" in text
    picture = page.locator("#picture svg")
    assert picture.is_visible()
    drawn = " ".join(picture.locator("text").all_text_contents())
    assert "OVHcloud Public Cloud · GRA11 (Gravelines, FR)" in drawn
    assert "EU jurisdiction" in drawn
    for name in ("GPU pool training", "GPU pool inference", "bucket datasets", "key data-key"):
        assert name in drawn
    rows = page.locator("#where + table tbody tr").all_inner_texts()
    assert len(rows) == len(PARTS)
    for row in rows:
        assert "GRA11" in row and "FR" in row and "EU" in row and "advisory SOV-003" in row
    assert "files on this machine" in page.inner_text("#state + table")


def test_a_failing_stack_shows_each_part_failing(browser, tmp_path):
    page, path, requests, _ = render(browser, tmp_path, "aws-eu-west-3", "strict")
    assert requests == [path.as_uri()]
    text = page.inner_text("body")
    assert "FAILED at the required level seal-3" in text
    assert "SEAL level reached: seal-1 (required seal-3)" in text
    boxes = page.locator("#picture g.part")
    assert boxes.count() == len(PARTS)
    for index in range(boxes.count()):
        box = boxes.nth(index)
        assert "verdict-fail" in (box.get_attribute("class") or "")
        assert "SOV-001" in box.text_content()
    rows = page.locator("#where + table tbody tr").all_inner_texts()
    for row in rows:
        assert "eu-west-3" in row and "FR" in row and "US" in row and "fails SOV-001" in row
    rule = page.locator('div.rule[id="SOV-001"]').inner_text()
    assert "Why:" in rule and "Remediation:" in rule
