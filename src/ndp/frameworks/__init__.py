"""Performance frameworks shipped with ndp (YAML data; see docs/framework.md)."""

from pathlib import Path

DEFAULT_FRAMEWORK = Path(__file__).parent / "nlf-ndp-2024-25" / "framework.yaml"

__all__ = ["DEFAULT_FRAMEWORK"]
