"""Templates are compiled once per process: a second app serves a page without compiling the
templates the first app compiled, and a changed template is never served from old code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from jinja2 import Environment
from jinja2.bccache import Bucket
from webkit import client_of, make_app

from ndp.web.template_code import ProcessBytecodeCache


def test_a_second_app_reuses_the_first_apps_compiled_templates(
    app: Flask, published: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = client_of(app).get("/login")
    assert first.status_code == 200
    second = make_app(published, tmp_path / "second.sqlite")

    def compile_again(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"compiled again: {args[1:2]}")

    monkeypatch.setattr(second.jinja_env, "compile", compile_again)
    again = client_of(second).get("/login")
    assert again.status_code == 200
    assert again.get_data(as_text=True).count('name="csrf_token"') == 1


def test_code_compiled_from_other_source_is_not_used() -> None:
    cache = ProcessBytecodeCache()
    env = Environment()
    old = Bucket(env, "page.html", checksum="source one")
    old.code = compile("x = 1", "page.html", "exec")
    cache.dump_bytecode(old)

    same = Bucket(env, "page.html", checksum="source one")
    cache.load_bytecode(same)
    assert same.code is old.code
    edited = Bucket(env, "page.html", checksum="source two")
    cache.load_bytecode(edited)
    assert edited.code is None
