"""An installed Directo works from any directory: the wheel carries the migrations and the example playbook."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def unpacked_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [wheel] = out.glob("directo-*.whl")
    target = out / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    code = "import sys; from bot.cli import main; sys.argv = ['directo', *sys.argv[1:]]; main()"
    env = {"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin", "DIRECTO_DATABASE_URL": f"sqlite:///{cwd}/d.sqlite3"}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_wheel_ships_migrations_and_example_playbook(unpacked_wheel: Path) -> None:
    assert (unpacked_wheel / "bot" / "_migrations" / "env.py").is_file()
    assert list((unpacked_wheel / "bot" / "_migrations" / "versions").glob("*.py"))
    assert (unpacked_wheel / "bot" / "examples" / "playbook.yaml").is_file()
    assert (unpacked_wheel / "bot" / "sandbox" / "web").is_dir(), "the sandbox page ships"
    assert list((unpacked_wheel / "bot" / "sandbox" / "web").glob("*.html"))
    assert list((unpacked_wheel / "bot" / "examples" / "drills").glob("*.yaml")), "the bundled drills ship"


def test_installed_directo_migrates_and_checks_from_another_directory(unpacked_wheel: Path, tmp_path: Path) -> None:
    where = run_installed(unpacked_wheel, tmp_path, "--version")
    assert where.returncode == 0, where.stderr
    upgraded = run_installed(unpacked_wheel, tmp_path, "db", "upgrade")
    assert upgraded.returncode == 0, upgraded.stderr
    assert (tmp_path / "d.sqlite3").is_file()
    people = run_installed(unpacked_wheel, tmp_path, "people", "--json")
    assert people.returncode == 0, people.stderr
    assert '"person": "ana"' in people.stdout
