"""The scope canary: signed in as a force, nothing the dashboard serves (pages, JSON twins,
chart specs, CSV exports, data quality) carries another force's code or name, and another force's URLs
answer 404. A handful of forces here; every force and unit with ``-m slow``."""

from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient
from webkit import PERIOD, client_of, make_app, sign_in

from ndp.web.packs import read_pack_file

#: comments that name forces (docs/dashboard.md, commentary): each scope reads only those that
#: name no force outside it, so the crawl meets shown and withheld commentary alike
COMMENTARY = """period: 2024-25 Q1
commentary:
  F1b.judicial_outcome_rate: |
    Kent Police alone rose this quarter.
  E1b.disruptions: |
    Surrey Police and the Met (E23000001) drove the rise, with **Kent** and Dyfed Powys.
  F1c.forces_compliant: |
    Compliance rose across the country; the National Lead Force led the work.
"""
HANDFUL = ["E23000032", "E23000001", "W15000002", "PSNI", "EMSOU", "E23000034"]
INDICATORS = ["F1b.judicial_outcome_rate", "E1b.disruptions", "F1c.forces_compliant"]


@pytest.fixture(scope="module")
def commented(published: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published folder with commentary that names forces."""
    folder = tmp_path_factory.mktemp("commented")
    for path in published.iterdir():
        if path.is_file():
            shutil.copyfile(path, folder / path.name)
    (folder / "commentary.yaml").write_text(COMMENTARY, encoding="utf-8")
    return folder


@functools.lru_cache(maxsize=1)
def _pack(published: Path) -> dict[str, Any]:
    """The published pack as the dashboard reads it, read once per folder (the tests only read
    it; the crawl's own app reads it afresh)."""
    return read_pack_file(published / f"pack-{PERIOD}.json").data


def _forces(published: Path) -> dict[str, str]:
    data = _pack(published)
    return {code: f["name"] for code, f in data["geographies"]["forces"].items()}


def _framework_words(published: Path) -> str:
    """The framework's own text, which every scope reads by design: its title, objectives and
    measures. It names the National Lead Force as the strategy's lead (not a figure of it)."""
    data = _pack(published)
    parts = [data["framework"]["title"]]
    parts += [o.get("statement", "") + o["title"] for o in data["objectives"].values()]
    parts += [m["title"] for m in data["measures"].values()]
    return "\n".join(parts)


def _crawl(client: FlaskClient, code: str, region: str | None, every: list[str]) -> list[str]:
    """Every URL the force can open: its pages, its region's and the nation's, each with its
    twin and its export, each indicator at each, and the chart specs."""
    areas = ["national", f"force/{code}"] + ([f"region/{region}"] if region else [])
    urls = ["/", f"/{PERIOD}/data-quality", f"/{PERIOD}/data-quality.json"]
    for area in areas:
        urls += [f"/{PERIOD}/{area}", f"/{PERIOD}/{area}.json", f"/{PERIOD}/{area}/export.csv"]
        for name in every:
            base = f"/{PERIOD}/{area}/indicator/{name}"
            urls += [base, base + ".json", base + "/chart/trend.json", base + "/chart/spc.json"]
    bodies = []
    for url in urls:
        response = client.get(url, follow_redirects=True)
        assert response.status_code in (200, 404), url
        if url.endswith("/chart/spc.json") or url.endswith("/chart/trend.json"):
            pass  # a chart an indicator does not have is a 404
        else:
            assert response.status_code == 200, url
        bodies.append(response.get_data(as_text=True))
    return bodies


def _leaks(bodies: list[str], forces: dict[str, str], own: str, allowed: str = "") -> set[str]:
    """Other forces' codes, and their names except as the framework's own words use them.

    Each force's pattern runs only over the bodies holding its code or name at all (a
    substring test, much faster than the pattern): a pattern per force over every body was
    half the slow canary's time. The result is the same."""
    found = set()
    for other, name in forces.items():
        if other == own:
            continue
        named = [] if name in allowed else [name]
        held = [body for body in bodies if any(word in body for word in [other, *named])]
        if not held:
            continue
        pattern = re.compile("|".join([rf"\b{re.escape(other)}\b", *map(re.escape, named)]))
        found |= {m.group(0) for body in held for m in pattern.finditer(body)}
    return found


def _region_code(published: Path, code: str) -> str | None:
    data = _pack(published)
    region = data["geographies"]["forces"][code]["region"]
    return data["geographies"]["regions"][region]["code"] if region else None


def check_force(published: Path, tmp_path: Path, code: str, every: list[str]) -> None:
    forces = _forces(published)
    app = make_app(published, tmp_path / f"{code}.sqlite", {"canary": f"force:{code}"})
    client = client_of(app)
    assert sign_in(client, "canary").status_code == 302
    bodies = _crawl(client, code, _region_code(published, code), every)
    assert _leaks(bodies, forces, code, _framework_words(published)) == set()
    for other in [
        *[c for c in forces if c != code][:3],
        "E23000030" if code != "E23000030" else "E23000029",
    ]:
        for url in (f"/{PERIOD}/force/{other}", f"/{PERIOD}/force/{other}.json",
                    f"/{PERIOD}/force/{other}/indicator/{every[0]}",
                    f"/{PERIOD}/force/{other}/indicator/{every[0]}/chart/trend.json",
                    f"/{PERIOD}/force/{other}/export.csv"):  # fmt: skip
            assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("code", HANDFUL)
def test_a_force_never_sees_another_forces_code_or_name(
    commented: Path, tmp_path: Path, code: str
) -> None:
    check_force(commented, tmp_path, code, INDICATORS)


def test_the_crawl_meets_commentary_shown_and_withheld(commented: Path, tmp_path: Path) -> None:
    app = make_app(commented, tmp_path / "c.sqlite", {"kent": "force:E23000032"})
    client = client_of(app)
    assert sign_in(client, "kent").status_code == 302
    base = f"/{PERIOD}/national/indicator"
    own = client.get(f"{base}/F1b.judicial_outcome_rate").get_data(as_text=True)
    assert "Kent Police alone rose this quarter." in own
    others = client.get(f"{base}/E1b.disruptions").get_data(as_text=True)
    assert "Surrey" not in others
    assert "1 comment on this indicator is not shown here" in others


def test_the_canary_would_catch_a_leak(published: Path) -> None:
    forces = _forces(published)
    assert _leaks(["Surrey Police: 12 (E23000030)"], forces, "E23000032") == {
        "Surrey Police", "E23000030",
    }  # fmt: skip
    assert _leaks(["Kent Police: 12 (E23000032)"], forces, "E23000032") == set()


@pytest.mark.slow
def test_no_force_or_unit_ever_sees_another(commented: Path, tmp_path: Path) -> None:
    every = list(_pack(commented)["indicators"])
    for code in _forces(commented):
        check_force(commented, tmp_path, code, every)
