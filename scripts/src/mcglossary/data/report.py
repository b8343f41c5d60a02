"""One report type for everything that can be wrong with the ontology: parse errors and validation findings."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

VIOLATION = "violation"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One thing wrong, said so that a curator can find it and fix it."""

    rule: str
    message: str
    severity: str = VIOLATION
    focus: str | None = None
    label: str | None = None
    file: str | None = None
    line: int | None = None
    column: int | None = None

    def where(self) -> str:
        """`file:line:col` as far as it is known, else an empty string."""
        parts = [str(p) for p in (self.file, self.line, self.column) if p is not None]
        return ":".join(parts)

    def format_line(self) -> str:
        """The finding on one line: place, severity, rule, term, message."""
        head = f"{self.where()}: " if self.where() else ""
        subject = ""
        if self.label and self.focus:
            subject = f"{self.label} <{self.focus}>: "
        elif self.focus:
            subject = f"<{self.focus}>: "
        return f"{head}{self.severity} [{self.rule}] {subject}{self.message}"


@dataclass
class Report:
    """All findings of a load or a validation, in a stable order."""

    findings: list[Finding] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.findings = sorted(set(self.findings), key=_sort_key)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == VIOLATION]

    @property
    def conforms(self) -> bool:
        return not self.violations

    def text(self) -> str:
        if not self.findings:
            return "The ontology conforms: no findings."
        lines = [f.format_line() for f in self.findings]
        lines.append(f"{len(self.violations)} violation(s), {len(self.findings) - len(self.violations)} warning(s).")
        return "\n".join(lines)

    def json(self) -> str:
        body = {
            "conforms": self.conforms,
            "violations": len(self.violations),
            "warnings": len(self.findings) - len(self.violations),
            "findings": [asdict(f) for f in self.findings],
        }
        return json.dumps(body, indent=2, ensure_ascii=False)


def _sort_key(finding: Finding) -> tuple:
    return (
        finding.file or "",
        finding.line or 0,
        finding.column or 0,
        finding.focus or "",
        finding.rule,
        finding.message,
    )


def relative(path: Path, root: Path) -> str:
    """A path as shown to people: relative to the project when it can be, never a machine-specific prefix."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except (ValueError, RuntimeError, OSError):  # elsewhere, or a link that loops (resolve raises RuntimeError)
        return str(path)


class OntologyError(Exception):
    """Raised when the ontology cannot be read or does not validate; carries the report."""

    def __init__(self, report: Report, exit_code: int = 1) -> None:
        super().__init__(report.text())
        self.report = report
        self.exit_code = exit_code
