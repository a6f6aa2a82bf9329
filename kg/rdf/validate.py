"""SHACL validation of a built graph with the bundled shapes (pySHACL), as a typed report."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from rdflib import Graph
from rdflib.namespace import RDF, SH

from kg import resources

__all__ = ["ValidationReport", "Violation", "validate"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str


@dataclass(frozen=True, slots=True)
class ValidationReport:
    conforms: bool
    violations: tuple[Violation, ...] = field(default_factory=tuple)
    text: str = ""

    def summary(self) -> str:
        if self.conforms:
            return "SHACL: conforms"
        return f"SHACL: {len(self.violations)} violation(s)"


def validate(graph: Graph, *, shapes: Graph | None = None) -> ValidationReport:
    """Validate ``graph`` against ``ontology/shapes.ttl`` (offline; no inference needed)."""
    import pyshacl

    shapes = shapes if shapes is not None else resources.load_shapes()
    conforms, report, text = pyshacl.validate(graph, shacl_graph=shapes, inference="none",
                                              advanced=True, allow_warnings=True)
    violations = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(r, SH.focusNode)
        path = report.value(r, SH.resultPath)
        msg = report.value(r, SH.resultMessage)
        sev = report.value(r, SH.resultSeverity)
        violations.append(Violation(str(focus), str(path) if path else None, str(msg or ""),
                                    str(sev).rsplit("#", 1)[-1] if sev else "Violation"))
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return ValidationReport(bool(conforms), tuple(violations), str(text))
