"""Commentary edited in the dashboard: who may, the preview as the report renders it, saving
versions, the refusal of a save based on an older version, messages, CSRF, payloads shown as
text, the indicator page showing a save at once, and the file ``ndp report`` prints."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from markupsafe import escape
from webkit import PASSWORD, PERIOD, client_of, csrf_of, sign_in

from ndp.appdb import AppDB, parse_scope
from ndp.report.commentary import read_commentary
from ndp.web import Settings, create_app

RATE = "F1b.judicial_outcome_rate"
EDIT = f"/{PERIOD}/commentary/{RATE}"
INDICATOR = f"/{PERIOD}/national/indicator/{RATE}"
EDITORS = {"ann": ("analyst", "national"), "bob": ("approver", "national"),
           "sam": ("analyst", "region:Eastern"), "vic": ("viewer", "national")}  # fmt: skip


@pytest.fixture
def editing(packs_copy: Path, tmp_path: Path) -> Flask:
    app_db = tmp_path / "app.sqlite"
    with AppDB.open(str(app_db)) as db:
        for name, (role, scope) in EDITORS.items():
            db.add_user(name, role, parse_scope(scope), PASSWORD)  # type: ignore[arg-type]
    app = create_app(Settings(packs=packs_copy, app_db=str(app_db)))
    app.testing = True
    return app


@pytest.fixture
def as_user(editing: Flask) -> Callable[[str], FlaskClient]:
    def make(name: str) -> FlaskClient:
        client = client_of(editing)
        assert sign_in(client, name).status_code == 302
        return client

    return make


def _form(client: FlaskClient, url: str = EDIT) -> tuple[str, str]:
    """The edit form's CSRF token and the version it is based on."""
    page = client.get(url).get_data(as_text=True)
    based_on = re.search(r'name="based_on" value="(\d+)"', page)
    assert based_on, page
    return csrf_of(page), based_on.group(1)


def _post(client: FlaskClient, text: str, action: str = "save", url: str = EDIT,
          form: tuple[str, str] | None = None) -> tuple[int, str, str]:  # fmt: skip
    token, based_on = form or _form(client, url)
    response = client.post(url, data={"csrf_token": token, "based_on": based_on,
                                      "markdown": text, "action": action})  # fmt: skip
    return (
        response.status_code,
        response.headers.get("Location", ""),
        response.get_data(as_text=True),
    )


def _summary(page: str) -> list[tuple[str, str]]:
    """The error summary's links: (href, text)."""
    box = re.search(r'<div class="govuk-error-summary".*?</ul>', page, re.S)
    assert box, page
    return [(h, " ".join(t.split())) for h, t in
            re.findall(r'<a href="([^"]+)">(.*?)</a>', box.group(0), re.S)]  # fmt: skip


def test_only_national_analysts_approvers_and_admins_may_edit(
    as_user: Callable[[str], FlaskClient],
) -> None:
    for name in ("sam", "vic"):
        client = as_user(name)
        assert client.get(EDIT).status_code == 404, name
        assert client.post(EDIT, data={"markdown": "x"}).status_code in (400, 404)
    ann = as_user("ann")
    assert ann.get(EDIT).status_code == 200
    assert ann.get(f"/{PERIOD}/commentary/F1b.no_such_thing").status_code == 404
    assert ann.get(f"/{PERIOD}/commentary/summary:{RATE}").status_code == 404
    links = f'<a class="govuk-link" href="{EDIT}">Edit the commentary on this indicator</a>'
    assert links in ann.get(INDICATOR).get_data(as_text=True)
    assert "/commentary/" not in as_user("vic").get(INDICATOR).get_data(as_text=True)


def test_preview_is_the_reports_rendering_with_html_shown_as_text_and_saves_nothing(
    as_user: Callable[[str], FlaskClient], packs_copy: Path
) -> None:
    text = 'The rate **rose**.\n\n- <script>alert(1)</script>\n- =HYPERLINK("http://x")'
    status, _, page = _post(as_user("ann"), text, action="preview")
    assert status == 200
    preview = re.search(r'ndp-commentary-preview">(.*?)</div>', page, re.S)
    assert preview is not None
    assert preview.group(1) == (
        "<p>The rate <strong>rose</strong>.</p>\n<ul>\n<li>&lt;script&gt;alert(1)&lt;/script&gt;"
        "</li>\n<li>=HYPERLINK(&quot;http://x&quot;)</li>\n</ul>\n"
    )
    assert "<script>alert" not in page
    # the strict CSP holds: no inline script or style on the page
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == []
    assert " style=" not in page
    assert f">{escape(text)}</textarea>" in page  # as Jinja escapes it
    assert not (packs_copy / f"commentary-{PERIOD}.yaml").exists()


def test_a_save_is_a_version_shown_at_once_on_the_indicator_page(
    as_user: Callable[[str], FlaskClient], packs_copy: Path
) -> None:
    ann = as_user("ann")
    before = ann.get(INDICATOR).get_data(as_text=True)  # cached before the save
    assert "Outcomes rose" not in before
    status, location, _ = _post(ann, "Outcomes rose after *Operation Example*.")
    assert (status, location) == (302, f"{EDIT}?saved=1")
    page = ann.get(location).get_data(as_text=True)
    assert "Saved as version 1. The report and the indicator pages now show it." in page
    assert re.search(r"Version 1, saved by ann on \d+ \w+ 20\d\d, \d\d:\d\d UTC", page)
    shown = ann.get(INDICATOR).get_data(as_text=True)
    assert "<p>Outcomes rose after <em>Operation Example</em>.</p>" in shown
    twin = json.loads(ann.get(f"{INDICATOR}.json").get_data(as_text=True))
    assert twin["commentary"] == ["<p>Outcomes rose after <em>Operation Example</em>.</p>\n"]
    _post(as_user("bob"), "Outcomes rose again.")
    assert "<p>Outcomes rose again.</p>" in ann.get(INDICATOR).get_data(as_text=True)
    history = ann.get(EDIT).get_data(as_text=True)
    assert history.index("Version 2, saved by bob") < history.index("Version 1, saved by ann")
    versions = json.loads(ann.get(f"{EDIT}.json").get_data(as_text=True))["history"]
    assert [(v["version"], v["saved_by"], v["text"]) for v in versions] == [
        (2, "bob", "Outcomes rose again."),
        (1, "ann", "Outcomes rose after *Operation Example*."),
    ]
    assert as_user("vic").get(f"{EDIT}.json").status_code == 404


def test_a_save_based_on_an_older_version_is_refused_with_the_others_version_beside(
    as_user: Callable[[str], FlaskClient],
) -> None:
    ann, bob = as_user("ann"), as_user("bob")
    ann_form, bob_form = _form(ann), _form(bob)  # both open the page before either saves
    assert _post(ann, "Ann's explanation.", form=ann_form)[0] == 302
    status, _, page = _post(bob, "Bob's explanation.", form=bob_form)
    assert status == 409
    message = (
        "ann saved version 1 of this commentary after you opened it. Your text is kept below, "
        "beside theirs: bring in what you need from theirs and save again."
    )
    assert _summary(page) == [("#markdown", message)]
    assert ">Bob&#39;s explanation.</textarea>" in page
    theirs = page[page.index("Their version") :]
    assert re.search(r"Version 1, saved by ann on ", theirs)
    assert "<p>Ann's explanation.</p>" in theirs  # as the report renders it
    assert 'name="based_on" value="1"' in page  # saving again now takes bob's text
    assert _post(bob, "Bob's, after reading Ann's.", form=(bob_form[0], "1"))[0] == 302


@pytest.mark.parametrize(
    ("url", "text", "message"),
    [
        (EDIT, "  \n", f"Enter the commentary about {RATE} as Markdown text"),
        (f"/{PERIOD}/commentary/summary:F1b", "", "Enter the reason about F1b as Markdown text"),
        (EDIT, "x" * 10_001,
         f"Shorten the commentary about {RATE} to 10,000 characters or fewer (it has 10,001)"),
    ],
)  # fmt: skip
def test_what_the_commentary_file_refuses_is_an_error_summary_naming_the_field(
    as_user: Callable[[str], FlaskClient], url: str, text: str, message: str
) -> None:
    status, _, page = _post(as_user("ann"), text, url=url)
    assert status == 400
    assert _summary(page) == [("#markdown", message)]
    assert '<p id="markdown-error" class="govuk-error-message">' in page


def test_a_save_without_the_forms_token_is_refused(
    as_user: Callable[[str], FlaskClient], packs_copy: Path
) -> None:
    ann = as_user("ann")
    for token in ("", "forged"):
        response = ann.post(EDIT, data={"csrf_token": token, "based_on": "0",
                                        "markdown": "Forged.", "action": "save"})  # fmt: skip
        assert response.status_code == 400
        assert "The form has expired." in response.get_data(as_text=True)
    assert not (packs_copy / f"commentary-{PERIOD}.yaml").exists()


def test_script_and_formula_payloads_are_kept_as_text_everywhere(
    as_user: Callable[[str], FlaskClient], packs_copy: Path
) -> None:
    payload = '<img src=x onerror=alert(1)> =HYPERLINK("http://evil.example","x") {{ 7*7 }}'
    ann = as_user("ann")
    _post(ann, payload)
    for page in (ann.get(EDIT).get_data(as_text=True), ann.get(INDICATOR).get_data(as_text=True)):
        assert "<img src=x" not in page
        assert "&lt;img src=x onerror=alert(1)&gt;" in page
        assert "{{ 7*7 }}" in page
    path = packs_copy / f"commentary-{PERIOD}.yaml"
    pack = json.loads((packs_copy / f"pack-{PERIOD}.json").read_text(encoding="utf-8"))
    assert read_commentary(path, pack)["F1b"][0].markdown == payload


def test_every_save_goes_to_the_audit_log(
    as_user: Callable[[str], FlaskClient], tmp_path: Path
) -> None:
    _post(as_user("ann"), "Audited.")
    with AppDB.open(str(tmp_path / "app.sqlite")) as db:
        out = io.StringIO()
        db.audit_export(out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    saved = [(r["actor"], r["target"], r["detail"]) for r in rows
             if r["action"] == "commentary_saved"]  # fmt: skip
    assert saved == [("ann", f"/{PERIOD}/commentary/{RATE}", {"entry": RATE, "version": 1})]


def test_the_saved_file_is_what_ndp_report_prints(
    as_user: Callable[[str], FlaskClient], packs_copy: Path, tmp_path: Path
) -> None:
    _post(as_user("ann"), "Judicial outcomes rose after Operation Quillfeather.")
    ann = as_user("ann")
    _post(ann, "Disseminations rose with the Quillfeather referrals.",
          url=f"/{PERIOD}/commentary/F1a")  # fmt: skip
    commentary = packs_copy / f"commentary-{PERIOD}.yaml"
    ndp = Path(sys.executable).parent / "ndp"
    argv = [str(ndp), "report", "--pack", str(packs_copy / f"pack-{PERIOD}.json"),
            "--commentary", str(commentary), "--format", "pdf", "--out", str(tmp_path / "out")]  # fmt: skip
    subprocess.run(argv, check=True, capture_output=True)
    pdf = next((tmp_path / "out").glob("*.pdf"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip
    flat = " ".join(text.split())
    assert "Judicial outcomes rose after Operation Quillfeather." in flat
    assert "Disseminations rose with the Quillfeather referrals." in flat


def test_removing_takes_the_entry_off_the_indicator_page_and_keeps_it_in_the_history(
    as_user: Callable[[str], FlaskClient],
) -> None:
    ann = as_user("ann")
    _post(ann, "Soon to go.")
    assert "<p>Soon to go.</p>" in ann.get(INDICATOR).get_data(as_text=True)
    page = ann.get(EDIT).get_data(as_text=True)
    assert 'value="remove"' in page
    status, location, _ = _post(ann, "", action="remove")
    assert (status, location) == (302, f"{EDIT}?saved=2")
    page = ann.get(location).get_data(as_text=True)
    assert "Removed: version 2 takes it out of the report and the indicator pages." in page
    assert "Removed from the report." in page
    assert 'value="remove"' not in page
    assert "Soon to go." in page  # version 1 in the history
    assert "<p>Soon to go.</p>" not in ann.get(INDICATOR).get_data(as_text=True)


def test_a_hand_edit_of_the_file_since_the_page_opened_is_shown_as_theirs(
    as_user: Callable[[str], FlaskClient], packs_copy: Path
) -> None:
    ann = as_user("ann")
    _post(ann, "Ann's.")
    form = _form(ann)
    path = packs_copy / f"commentary-{PERIOD}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Ann's.", "By hand."), "utf-8")
    status, _, page = _post(ann, "Ann's again.", form=form)
    assert status == 409
    assert _summary(page) == [("#markdown", (
        "The commentary file was changed by hand (version 2) after you opened it. Your text is "
        "kept below, beside theirs: bring in what you need from theirs and save again."))]  # fmt: skip
    assert "Version 2, saved by file on " in page


def test_commentary_written_on_the_draft_goes_to_the_quarters_file_that_publishing_reads(
    as_user: Callable[[str], FlaskClient], packs_copy: Path
) -> None:
    (packs_copy / "drafts").mkdir()
    (packs_copy / f"pack-{PERIOD}.json").rename(packs_copy / "drafts" / f"pack-{PERIOD}.json")
    edit = f"/{PERIOD}-draft/commentary/{RATE}"
    indicator = f"/{PERIOD}-draft/national/indicator/{RATE}"
    ann = as_user("ann")
    links = f'<a class="govuk-link" href="{edit}">Edit the commentary on this indicator</a>'
    assert links in ann.get(indicator).get_data(as_text=True)
    status, location, _ = _post(ann, "Written on the draft.", url=edit)
    assert (status, location) == (302, f"{edit}?saved=1")
    assert [p.name for p in packs_copy.glob("commentary-*.yaml")] == [f"commentary-{PERIOD}.yaml"]
    assert "<p>Written on the draft.</p>" in ann.get(indicator).get_data(as_text=True)
