import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_analysis_imports_no_web_stack():
    code = ("import sys, analysis, analysis.cli, analysis.evaluate; "
            "bad = [m for m in sys.modules if m.split('.')[0] in "
            "('app', 'flask', 'sqlalchemy', 'flask_sqlalchemy')]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
