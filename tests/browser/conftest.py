"""A real Chromium for the HTML reports: Debian's /usr/bin/chromium driven by Playwright.

No browser is downloaded (`playwright install` is never run). When Playwright
or the browser is missing the browser tests are skipped with the reason,
unless COE_REQUIRE_BROWSER=1 (set in CI): then they fail instead.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("COE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUIRE_BROWSER = os.environ.get("COE_REQUIRE_BROWSER") == "1"

SCREENSHOTS: list[Path] = []


def unavailable(reason: str):
    if REQUIRE_BROWSER:
        pytest.fail(f"{reason} (COE_REQUIRE_BROWSER=1, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as exc:
        unavailable(f"Playwright for Python is not installed ({exc}); pip install playwright")
    if not CHROMIUM.is_file() or not os.access(CHROMIUM, os.X_OK):
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set COE_CHROMIUM)")
    with sync_playwright() as playwright:
        try:
            instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        except Error as exc:
            unavailable(f"cannot launch {CHROMIUM}: {exc}")
        yield instance
        instance.close()


@dataclass
class PageLog:
    """Everything a page did that a self-contained, script-free report must not do."""

    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    popups: list[str] = field(default_factory=list)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    log = PageLog()
    tab.on("request", lambda request: log.requests.append(request.url))
    tab.on("console", lambda message: log.console_errors.append(message.text) if message.type in ("error", "warning") else None)
    tab.on("pageerror", lambda error: log.page_errors.append(str(error)))

    def on_dialog(dialog):
        log.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    tab.on("popup", lambda popup: log.popups.append(popup.url))
    tab.log = log
    yield tab
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture
def save_screenshot(screenshot_dir):
    """Save a full-page screenshot as a test artifact; its path is printed and listed at the end."""

    def save(tab, name: str) -> Path:
        path = screenshot_dir / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        SCREENSHOTS.append(path)
        print(f"screenshot: {path}")
        return path

    return save


def pytest_terminal_summary(terminalreporter):
    if SCREENSHOTS:
        terminalreporter.section("report screenshots")
        for path in SCREENSHOTS:
            terminalreporter.write_line(str(path))
