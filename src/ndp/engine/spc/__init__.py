"""Statistical process control: the NHS "Making Data Count" XmR method (see docs/spc.md)."""

from ndp.engine.spc.batch import run_spc
from ndp.engine.spc.result import Group, Improvement, Point, SpcResult

__all__ = ["Group", "Improvement", "Point", "SpcResult", "run_spc"]
