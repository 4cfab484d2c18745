"""Playwright drives Debian's Chromium; nothing is downloaded. Skips with a message when
Chromium or Playwright is missing (``make test`` installs both)."""
import os

import pytest

CHROMIUM = "/usr/bin/chromium"

if not os.path.exists(CHROMIUM):
    pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (make test installs it)",
                allow_module_level=True)
pytest.importorskip("playwright", reason="browser tests need Playwright (pip install -e '.[test]')")


HERE = os.path.dirname(os.path.abspath(__file__))


def pytest_collection_modifyitems(items):
    # The hook sees every collected test: mark only those in this folder.
    for item in items:
        if str(item.path).startswith(HERE + os.sep):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A small phone by default: 360 px wide."""
    return {**browser_context_args, "viewport": {"width": 360, "height": 740}}
