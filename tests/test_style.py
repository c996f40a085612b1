import shutil
import subprocess
import sys

from conftest import ROOT


def _ruff(*args: str) -> subprocess.CompletedProcess:
    """ruff on the package, the tests and the benchmarks."""
    ruff = shutil.which("ruff")
    command = [ruff] if ruff else [sys.executable, "-m", "ruff"]
    paths = [p for p in ("casemine", "tests", "bench") if (ROOT / p).exists()]
    return subprocess.run(command + [*args, *paths], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing():
    result = _ruff("check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_leaves_everything_as_it_is():
    result = _ruff("format", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
