"""scripts/screenshots.py: desktop and phone screenshots of the main page types, for people to
look at (README, "What readers see")."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PIL import Image

from sitebuild import PROJECT

pytestmark = pytest.mark.browser


def test_the_screenshot_script_shoots_each_page_type_on_a_desktop_and_a_phone(sample_site, tmp_path):
    command = [sys.executable, str(PROJECT / "scripts" / "screenshots.py"), "--site", str(sample_site),
               "--out", str(tmp_path), "--lang", "ja", "--scheme", "dark"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    shots = {path.name: Image.open(path).size for path in tmp_path.glob("*.png")}
    expected = {f"ja-{page}-{device}-dark.png" for page in ("home", "news", "article", "catalogue", "procedure")
                for device in ("desktop", "phone")}
    assert set(shots) == expected
    for name, (width, height) in shots.items():
        assert width == (1366 if "desktop" in name else 390) and height >= (900 if "desktop" in name else 844), name
