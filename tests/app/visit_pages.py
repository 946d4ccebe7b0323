"""Run every page through AppTest in this process and print, as JSON, what each page showed.

Run in a fresh process by tests/app/test_serving.py, so that what it reports about
`sys.modules` is the serving path's alone (the test process has TensorFlow loaded).

    python -m tests.app.visit_pages        # weights from $AUTOENCODER_LAB_WEIGHTS when set
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from ui.page_table import NAVIGATION

ROOT = Path(__file__).resolve().parents[2]
PAGES = [page.file for page in NAVIGATION]


def main() -> int:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.run()
    report = {}
    for page in PAGES:
        at.switch_page(page).run()
        report[page] = {
            "exceptions": [exception.value for exception in at.exception],
            "errors": [error.value for error in at.error],
            "warnings": [warning.value for warning in at.warning],
            "images": sum(len(element.value) for element in at.main.get("image")),
            "tabs": [tab.label for tab in at.tabs],
        }
    report["modules"] = {name: name in sys.modules for name in ("tensorflow", "keras", "h5py", "numpy")}
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
