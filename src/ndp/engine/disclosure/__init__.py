"""Disclosure control (docs/framework.md, "Disclosure control"): the framework's minimum count
per audience (``rules``), each count indicator's cells and the relations between them
(``grid``), primary and complementary suppression (``protect``) and the projection of a pack
for an audience that every output reads, ``ndp.engine.disclosure.project.suppress``."""
