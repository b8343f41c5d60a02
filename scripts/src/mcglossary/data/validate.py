"""One validation step: pyshacl with `ontology/shapes.ttl`, plus the whole-graph checks that SHACL does badly.

The vocabulary checks run once over the whole graph in Python (linear in its size), never as per-node SPARQL
constraints, which cost minutes at 10,000 terms.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path

from pyshacl import validate as shacl_validate
from pyshacl.errors import ReportableRuntimeError
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS

from mcglossary.data.dates import out_of_range, range_text
from mcglossary.data.load import SHAPES_FILE, Ontology
from mcglossary.data.lookalikes import character_name, comparison_key, difference, invisible_characters
from mcglossary.data.message_text import shown
from mcglossary.data.namespaces import (
    FIXED_PAGES,
    GLOSSARY,
    KINDS,
    LABEL_PROPERTIES,
    MCG,
    SCHEMA,
    is_ours,
    page_path,
    path_problem,
    slug,
)
from mcglossary.data.report import VIOLATION, WARNING, Finding, OntologyError, Report
from mcglossary.data.subject_lines import subject_lines

# A literal longer than this is a pasting accident, not a definition; it would also bloat every page.
MAX_LITERAL_CHARS = 100_000
# Every property that names something: an invisible character in one of these is a violation, elsewhere a warning.
NAMING_PROPERTIES = (*LABEL_PROPERTIES, SKOS.altLabel, SKOS.hiddenLabel)
# Properties of which a resource has one value: two files giving two values define it differently.
SINGLE_VALUED = (SKOS.prefLabel, SKOS.definition, DCTERMS.modified, RDF.value, SCHEMA.name, MCG.ecosystemRelationship)
# When a resource was made or last changed: the build turns the glossary's into a timestamp (see dates.py).
EDIT_DATES = (DCTERMS.modified, DCTERMS.created)
# Links that must land on a resource the glossary defines.
LINKS = (
    SKOS.broader,
    SKOS.narrower,
    SKOS.related,
    DCTERMS.subject,
    DCTERMS.isReplacedBy,
    DCTERMS.references,
    DCTERMS.source,
    DCTERMS.relation,
    SKOS.example,
    MCG.sourceDefinition,
    PROV.wasAttributedTo,
    PROV.wasAssociatedWith,
    SCHEMA.provider,
)


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)  # ill-typed literals are reported as findings instead
# pyshacl logs a shape it cannot load to stderr before raising (which _malformed_shapes turns into a finding); its
# logger is made again, with a fresh handler, on every run, but a filter on the logger stays
logging.getLogger("pyshacl-validate").addFilter(lambda record: record.levelno < logging.ERROR)


def validate(ontology: Ontology, focus: set[URIRef] | None = None) -> Report:
    """Validate the loaded ontology: SHACL shapes and vocabulary checks, as one report.

    With `focus`, SHACL checks only those resources (the rest is known to conform: `mkdocs serve` after an edit);
    the whole-graph checks always run."""
    locator = _Locator(ontology)
    findings = list(shacl_findings(ontology.data, ontology.shapes, locator, focus))
    findings += vocabulary_findings(ontology, locator)
    return Report(findings)


def shacl_findings(data: Graph, shapes: Graph, locator: _Locator, only: set[URIRef] | None = None) -> Iterator[Finding]:
    """Run pyshacl (on the resources in `only`, when given) and turn each result into a finding named after its
    shape and property."""
    if only is not None and not only:
        return
    # Without SHACL rules (the only part of advanced mode that writes), pyshacl may validate the graph in place
    # instead of copying it first: a copy of the whole glossary costs a fifth of the validation at scale.
    in_place = (None, SH.rule, None) not in shapes
    try:
        _conforms, results, _text = shacl_validate(
            data,
            shacl_graph=shapes,
            inference="none",
            advanced=True,
            allow_warnings=True,
            inplace=in_place,
            focus_nodes=sorted(only) if only is not None else None,
        )
    except ReportableRuntimeError as error:  # a shape pyshacl cannot load: the shapes file, not the data, is wrong
        raise _malformed_shapes(error, locator.ontology) from None
    defined = set(data.subjects())
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        value = results.value(result, SH.value)
        component = results.value(result, SH.sourceConstraintComponent)
        # A link to an undefined resource is reported once, by the clearer dangling-link check.
        if component == SH.ClassConstraintComponent and is_ours(value) and value not in defined:
            continue
        source_shape = results.value(result, SH.sourceShape)
        message = str(results.value(result, SH.resultMessage) or "does not conform")
        # a node shape reports the focus node itself as its value: saying "found: <itself>" only confuses
        if value is not None and value != focus and component not in (SH.MinCountConstraintComponent,):
            message += f" (found: {_show(value)})"
        severity = VIOLATION if results.value(result, SH.resultSeverity) == SH.Violation else WARNING
        path = results.value(result, SH.resultPath)
        statement = (focus, path if isinstance(path, URIRef) else None, value) if value not in (None, focus) else None
        yield locator.finding(_rule_name(shapes, source_shape), message, focus, severity, statement)


def _malformed_shapes(error: ReportableRuntimeError, ontology: Ontology) -> OntologyError:
    """One finding (exit code 2, like a file that does not parse): pyshacl's first line says which constraint is
    wrong and how; the rest of its message is a link to the SHACL specification."""
    reason = shown((str(error).strip().splitlines() or ["(no reason given)"])[0], 300)
    where = ontology.display(ontology.root / SHAPES_FILE)
    finding = Finding("malformed-shapes", f"the SHACL shapes cannot be used: {reason}", file=where)
    return OntologyError(Report([finding]), exit_code=2)


def vocabulary_findings(ontology: Ontology, locator: _Locator) -> list[Finding]:
    data = ontology.data
    terms = set(data.subjects(RDF.type, MCG.Term))
    findings: list[Finding] = []
    findings += _unsafe_paths(data, locator)
    findings += _literal_findings(data, locator)
    findings += _invisible(data, locator)
    findings += _dangling_links(data, locator)
    findings += _broader_cycles(data, terms, locator)
    findings += _shared_labels(data, terms, locator)
    findings += _alt_equals_pref(data, terms, locator)
    findings += _unreachable(data, terms, locator)
    findings += _asymmetric_links(data, terms, locator)
    findings += _conflicting_files(ontology, locator)
    return findings


def _unsafe_paths(data: Graph, locator: _Locator) -> Iterator[Finding]:
    """Every resource with a page gets a safe path of its own: inside the site, in its folder, not another's."""
    kinds = {s for cls in KINDS for s in data.subjects(RDF.type, cls) if isinstance(s, URIRef)}
    paged = kinds | {s for s in data.subjects() if is_ours(s)}
    owners: dict[str, list[URIRef]] = defaultdict(list)
    for subject in sorted(paged):
        problem = path_problem(subject)
        if problem is None and subject in kinds and subject in FIXED_PAGES:
            problem = f"is the address of the site page {FIXED_PAGES[subject] or 'home'}; give the resource its own IRI"
        if problem:
            yield locator.finding("unsafe-iri", f"its IRI {problem}", subject)
        else:
            owners[page_path(subject).casefold()].append(subject)
        if not problem and str(subject).startswith(str(MCG)) and subject != URIRef(str(MCG)):
            yield from _def_naming(data, subject, locator)
    for path, clashing in owners.items():
        if len(clashing) > 1:  # on a file system that ignores case (macOS, Windows) they would share one page
            for subject in clashing:
                others = ", ".join(f"<{other}>" for other in clashing if other != subject)
                yield locator.finding(
                    "iri-clash",
                    f"the page {path} would be shared with {others}: IRIs may not differ only by case",
                    subject,
                )


_DEF_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")  # camelCase, as OWL names go; the server rules rely on it
_DEF_CLASS_TYPES = (OWL.Class, RDFS.Class)
_DEF_PROPERTY_TYPES = (RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def _def_naming(data: Graph, subject: URIRef, locator: _Locator) -> Iterator[Finding]:
    """A def/ class starts with an upper-case letter and a property with a lower-case one: the first letter picks
    the folder of its page (namespaces.def_page_path), which must tell the truth about what the resource is."""
    name = slug(subject)
    if not _DEF_NAME.fullmatch(name):
        yield locator.finding("def-naming", f"mcg:{name}: a name of our own is letters and digits only", subject)
    types = set(data.objects(subject, RDF.type))
    if types & set(_DEF_CLASS_TYPES) and not name[:1].isupper():
        yield locator.finding("def-naming", f"the class mcg:{name} must start with an upper-case letter", subject)
    if types & set(_DEF_PROPERTY_TYPES) and not name[:1].islower():
        yield locator.finding("def-naming", f"the property mcg:{name} must start with a lower-case letter", subject)


def _literal_findings(data: Graph, locator: _Locator) -> Iterator[Finding]:
    for subject, predicate, obj in data:
        if not isinstance(obj, Literal):
            continue
        if getattr(obj, "ill_typed", False):
            yield locator.finding(
                "ill-typed-literal",
                f'{data.qname(predicate)} has the value "{shown(str(obj))}", which is not a valid '
                f"{data.qname(obj.datatype)}; write it in that type's form (e.g. 2026-11-28 for xsd:date)",
                subject,
                statement=(subject, predicate, obj),
            )
        if predicate in EDIT_DATES and isinstance(obj.value, date) and out_of_range(_day(obj.value)):
            yield locator.finding(
                "date-out-of-range",
                f"{data.qname(predicate)} is {obj}, outside {range_text()}, the dates a build can stamp (a typo?)",
                subject,
                statement=(subject, predicate, obj),
            )
        if len(obj) > MAX_LITERAL_CHARS:
            yield locator.finding(
                "literal-too-long",
                f"{data.qname(predicate)} holds {len(obj):,} characters (limit {MAX_LITERAL_CHARS:,}); "
                "a definition or note this long is almost certainly pasted by mistake",
                subject,
                statement=(subject, predicate, obj),
            )


def _dangling_links(data: Graph, locator: _Locator) -> Iterator[Finding]:
    defined = set(data.subjects())
    for predicate in LINKS:
        for subject, target in data.subject_objects(predicate):
            if is_ours(target) and target not in defined:
                yield locator.finding(
                    "dangling-link",
                    f"{data.qname(predicate)} points at <{target}>, which is not defined in the ontology; "
                    "fix the IRI or add the resource",
                    subject,
                    statement=(subject, predicate, target),
                )


def _broader_map(data: Graph, terms: set) -> dict[URIRef, set[URIRef]]:
    """term -> its broader terms, from skos:broader and the inverse of skos:narrower."""
    broader: dict[URIRef, set[URIRef]] = defaultdict(set)
    for narrow, broad in data.subject_objects(SKOS.broader):
        if narrow in terms and broad in terms:
            broader[narrow].add(broad)
    for broad, narrow in data.subject_objects(SKOS.narrower):
        if narrow in terms and broad in terms:
            broader[narrow].add(broad)
    return broader


def _broader_cycles(data: Graph, terms: set, locator: _Locator) -> Iterator[Finding]:
    broader = _broader_map(data, terms)
    state: dict[URIRef, int] = {}  # 1 = on the current path, 2 = done
    reported: set[frozenset] = set()
    for start in sorted(terms):
        if state.get(start):
            continue
        path: list[URIRef] = [start]
        iterators = [iter(sorted(broader.get(start, ())))]
        state[start] = 1
        while iterators:
            nxt = next(iterators[-1], None)
            if nxt is None:
                state[path.pop()] = 2
                iterators.pop()
                continue
            if state.get(nxt) == 1:
                cycle = path[path.index(nxt) :]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    chain = " → ".join(locator.name(t) for t in [*cycle, nxt])
                    yield locator.finding(
                        "broader-cycle",
                        f"skos:broader goes round in a cycle: {chain}; remove one of these links",
                        min(cycle),
                    )
            elif not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                iterators.append(iter(sorted(broader.get(nxt, ()))))


def _normal(label: Literal) -> tuple[str, str]:
    """Labels a reader cannot tell apart compare equal (see lookalikes.py), in the same language."""
    return (comparison_key(str(label)), (label.language or "").lower())


def _plain(text: str) -> str:
    return " ".join(text.casefold().split())


def _shared_labels(data: Graph, terms: set, locator: _Locator) -> Iterator[Finding]:
    users: dict[tuple[str, str], dict[URIRef, set[str]]] = defaultdict(lambda: defaultdict(set))
    for term in terms:
        for predicate in (SKOS.prefLabel, SKOS.altLabel):
            for label in data.objects(term, predicate):
                if isinstance(label, Literal):
                    users[_normal(label)][term].add(str(label))
    for owners in users.values():
        if len(owners) < 2:
            continue
        for owner in sorted(owners):
            mine = min(owners[owner])
            theirs = sorted({label for other, labels in owners.items() if other != owner for label in labels})
            others = ", ".join(f"{locator.name(o)} <{o}>" for o in sorted(set(owners) - {owner}))
            if all(_plain(label) == _plain(mine) for label in theirs):
                said = f'the label "{shown(_plain(mine))}" is also used by {others}'
            else:  # written differently: say how they differ, or the curator sees two different labels
                said = (
                    f'the label "{shown(mine)}" looks the same as "{shown(theirs[0])}" of {others} '
                    f"(they differ only in {difference(mine, theirs[0])})"
                )
            yield locator.finding(
                "shared-label",
                f"{said}; a label may name one term only — "
                "keep it on one term and link the other with skos:related or skos:broader",
                owner,
            )


def _invisible(data: Graph, locator: _Locator) -> Iterator[Finding]:
    """Characters nobody can see: in a label a violation (it looks like another label but is not), elsewhere a
    warning (pasted along with a quotation, most likely)."""
    for subject, predicate, obj in data:
        if not isinstance(obj, Literal) or isinstance(subject, BNode):
            continue
        found = invisible_characters(str(obj))
        if not found:
            continue
        names = sorted({character_name(char) for _index, char in found})
        where = f"at position {found[0][0] + 1}" if len(found) == 1 else f"{len(found)} times"
        naming = predicate in NAMING_PROPERTIES
        why = "; a label with one looks like another label but compares different" if naming else ""
        yield locator.finding(
            "invisible-character",
            f'{data.qname(predicate)} "{shown(str(obj))}" holds an invisible character ({", ".join(names[:3])}) '
            f"{where}; remove it{why}",
            subject,
            VIOLATION if naming else WARNING,
            statement=(subject, predicate, obj),
        )


def _alt_equals_pref(data: Graph, terms: set, locator: _Locator) -> Iterator[Finding]:
    for term in terms:
        preferred = {_normal(label) for label in data.objects(term, SKOS.prefLabel) if isinstance(label, Literal)}
        for alt in data.objects(term, SKOS.altLabel):
            if isinstance(alt, Literal) and _normal(alt) in preferred:
                yield locator.finding(
                    "alt-equals-pref",
                    f'the alternative label "{shown(str(alt))}" repeats the preferred label; remove it',
                    term,
                )


def _unreachable(data: Graph, terms: set, locator: _Locator) -> Iterator[Finding]:
    tops = {t for t in data.objects(GLOSSARY, SKOS.hasTopConcept)} | set(data.subjects(SKOS.topConceptOf, GLOSSARY))
    narrower: dict[URIRef, set[URIRef]] = defaultdict(set)
    for narrow, broads in _broader_map(data, terms).items():
        for broad in broads:
            narrower[broad].add(narrow)
    reached = set()
    frontier = [t for t in tops if t in terms]
    while frontier:
        node = frontier.pop()
        if node in reached:
            continue
        reached.add(node)
        frontier.extend(narrower.get(node, ()))
    for term in sorted(terms - reached):
        if (term, OWL.deprecated, Literal(True)) in data:
            continue  # a retired term may stand outside the hierarchy
        yield locator.finding(
            "unreachable-term",
            "the term cannot be reached from any top concept through skos:broader; "
            "give it a skos:broader term, or make it a top concept (skos:topConceptOf the glossary)",
            term,
        )


def _asymmetric_links(data: Graph, terms: set, locator: _Locator) -> Iterator[Finding]:
    """broader/narrower and related are written both ways in our files, so readers of either side see the link."""
    pairs = ((SKOS.broader, SKOS.narrower), (SKOS.narrower, SKOS.broader), (SKOS.related, SKOS.related))
    for predicate, inverse in pairs:
        for subject, obj in data.subject_objects(predicate):
            if subject in terms and obj in terms and (obj, inverse, subject) not in data:
                yield locator.finding(
                    "one-way-link",
                    f"{data.qname(predicate)} {locator.name(obj)} <{obj}> has no inverse: add "
                    f"{data.qname(inverse)} <{subject}> to {locator.name(obj)}",
                    subject,
                    WARNING,
                    statement=(subject, predicate, obj),
                )


def _conflicting_files(ontology: Ontology, locator: _Locator) -> Iterator[Finding]:
    for subject, files in ontology.subject_files.items():
        if len(files) < 2 or isinstance(subject, BNode):
            continue
        for predicate in SINGLE_VALUED:
            said = {path: ontology.objects_in(path, subject, predicate) for path in files}
            said = {path: values for path, values in said.items() if values}
            if len({frozenset(v) for v in said.values()}) > 1:
                where = "; ".join(
                    f'{ontology.display(path)} says "{shown(", ".join(sorted(str(v) for v in values)))}"'
                    for path, values in sorted(said.items())
                )
                yield locator.finding(
                    "conflicting-definition",
                    f"two files define {ontology.data.qname(predicate)} differently: {where}; keep one",
                    subject,
                )


def _rule_name(shapes: Graph, shape: URIRef | BNode | None) -> str:
    """`TermShape.definition` for a property shape, `DeprecationShape` for a node shape."""
    if shape is None:
        return "shacl"
    name = shapes.value(shape, SH.name)
    parent = shapes.value(None, SH.property, shape)
    owner = parent if parent is not None else shape
    owner_name = str(owner).rsplit("/", 1)[-1] if isinstance(owner, URIRef) else "shape"
    return f"{owner_name}.{name}" if name is not None else owner_name


def _english_first(label: object) -> tuple[bool, str]:
    return (getattr(label, "language", None) != "en", str(label))


def _show(value: object) -> str:
    if isinstance(value, Literal):
        return f'"{shown(str(value))}"' + (f"@{value.language}" if value.language else "")
    return f"<{value}>" if isinstance(value, URIRef) else "a blank node"


class _Locator:
    """Names and places of resources, for findings."""

    def __init__(self, ontology: Ontology) -> None:
        self.ontology = ontology

    def name(self, node: object) -> str:
        data = self.ontology.data
        for predicate in LABEL_PROPERTIES:
            labels = sorted(data.objects(node, predicate), key=_english_first)
            if labels:
                return shown(str(labels[0]))
        return shown(str(node).rsplit("/", 1)[-1]) if isinstance(node, URIRef) else "(blank node)"

    def finding(
        self, rule: str, message: str, focus: object, severity: str = VIOLATION, statement: tuple | None = None
    ) -> Finding:
        """A finding about `focus`, placed in the file that says `statement` (the offending triple) when given."""
        file = line = None
        files: Iterable[Path] = self.ontology.subject_files.get(focus, ())
        if statement is not None:
            files = sorted(files, key=lambda path: not self.ontology.states(path, statement))  # stable: ties keep order
        for path in files:
            found = subject_lines(path).get(str(focus))
            if found:
                file, line = self.ontology.display(path), found
                break
        else:
            first = next(iter(self.ontology.subject_files.get(focus, ())), None)
            file = self.ontology.display(first) if first else None
        is_named = isinstance(focus, URIRef)
        return Finding(
            rule=rule,
            message=message,
            severity=severity,
            focus=str(focus) if is_named else None,
            label=self.name(focus) if is_named else None,
            file=file,
            line=line,
        )
