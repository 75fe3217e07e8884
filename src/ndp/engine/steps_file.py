"""SPC step changes an analyst declares in the commentary file (``spc_steps:``), beside the
framework's (docs/spc.md): a change the analyst knows of this quarter (a force's operation, a
new recording system) re-bases the named series without editing the framework.

Only the ``spc_steps`` key is read here; the rest of the file is the report's commentary. A
folder of commentary reads ``spc_steps.yaml`` in it, if there is one.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from ndp.engine.framework import Framework, SpcStep
from ndp.engine.framework_check import step_problems
from ndp.errors import NdpError


def read_steps(path: Path | str | None, fw: Framework) -> list[SpcStep]:
    """The steps of a commentary file or folder (none if it declares none), checked against the
    framework: each names known indicators and areas. Raises NdpError naming file and entry."""
    if path is None:
        return []
    path = Path(path)
    if path.is_dir():
        path = path / "spc_steps.yaml"
        if not path.exists():
            return []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise NdpError(f"{path}: cannot read the SPC steps: {exc}") from exc
    raw = data.get("spc_steps") if isinstance(data, dict) else None
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise NdpError(f"{path}: spc_steps must be a list of {{month, indicators, reason}}")
    steps: list[SpcStep] = []
    for k, entry in enumerate(raw, 1):
        where = f"{path}: spc_steps entry {k}"
        try:
            step = SpcStep.model_validate(entry)
        except ValidationError as exc:
            problem = exc.errors()[0]
            field = ".".join(str(p) for p in problem["loc"]) or "entry"
            raise NdpError(f"{where}: {field}: {problem['msg']}") from None
        problems = step_problems(fw, step)
        if problems:
            raise NdpError(f"{where}: {'; '.join(problems)}")
        steps.append(step)
    return steps
