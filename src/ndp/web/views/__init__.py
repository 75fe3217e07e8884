"""The dashboard's pages as typed view models: one dataclass per page, built from a
``ScopedPack`` alone. The page renders the model; its JSON twin is ``dataclasses.asdict`` of the
same model, so the twin can never show more than the page."""
