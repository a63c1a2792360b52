"""The rendered seed site, and a headless Chromium from the system packages to open
it (``make system`` installs ``chromium`` and ``chromium-driver`` when missing)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from unittest.mock import patch

import pytest

import communique as cq

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


@pytest.fixture(scope="session")
def site(seed: cq.Record, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed record rendered once for the session: the folder of the site."""
    return cq.render(seed, tmp_path_factory.mktemp("site") / "site").parent


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.selenium_manager import SeleniumManager

    for program in (CHROMIUM, CHROMEDRIVER):
        assert program.exists(), f"{program} is missing: `make system` installs it"
    options = webdriver.ChromeOptions()
    # An explicit browser and driver, from the system packages.
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="communique-chromium-")
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    # Selenium Manager would download a browser and a driver: make sure it never runs.
    with patch.object(
        SeleniumManager, "binary_paths", side_effect=AssertionError("Selenium Manager ran")
    ):
        driver = webdriver.Chrome(
            service=Service(executable_path=str(CHROMEDRIVER)), options=options
        )
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
