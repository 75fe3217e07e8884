"""Statistical process control: the NHS "Making Data Count" XmR method (see docs/spc.md)."""

from ndp.engine.spc.result import Group, Improvement, Point, SpcResult
from ndp.engine.spc.xmr import run_spc

__all__ = ["Group", "Improvement", "Point", "SpcResult", "run_spc"]
