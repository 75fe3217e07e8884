"""Statistical process control: the NHS "Making Data Count" XmR method (see docs/spc.md)."""

from ndp.engine.spc.xmr import Group, Point, SpcResult, run_spc

__all__ = ["Group", "Point", "SpcResult", "run_spc"]
