"""bench/faults.py, loaded for the tests that run its trials (bench/ is scripts, not a package)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).parents[2] / "bench" / "faults.py"


def faults() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ndp_bench_faults", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
