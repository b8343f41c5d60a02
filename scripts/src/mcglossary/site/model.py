"""The glossary as plain, read-only objects, built once from the graph.

Templates read these objects and never touch rdflib; this module never knows about HTML.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection as RdfList
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, VANN

from mcglossary.data.namespaces import (
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
from mcglossary.data.namespaces import MAPPING_RELATIONS as MAPPING_PROPERTIES
from mcglossary.data.version_claim import UNRELEASED


@dataclass(frozen=True)
class Ref:
    """A link to another resource of the glossary: where it is, what it is called, what it is."""

    iri: str
    path: str
    label: str
    kind: str
    summary: str = ""


@dataclass
class Reference:
    ref: Ref
    title: str
    alternative_title: str
    publisher: Ref | None
    year: str
    url: str
    cited_by: list[Ref] = field(default_factory=list)
    modified: str = ""  # the date a web page says it was last updated
    quotations: list[Ref] = field(default_factory=list)  # the quoted definitions it is the source of


@dataclass
class SourceDefinition:
    ref: Ref
    quote: str
    language: str
    organisation: Ref
    year: str
    publication: Reference | None
    term: Ref | None = None
    quoted_from: str = ""  # the IRI of the vocabulary term whose definition is quoted (prov:wasQuotedFrom)
    via: Reference | None = None  # the intermediary it was quoted through (prov:wasDerivedFrom), if any
    original: Reference | None = None  # the original document, when quoted through an intermediary
    note: str = ""  # how the quotation was taken, for readers
    term_in_source: str = ""  # what the source calls the thing it defines


@dataclass
class Example:
    ref: Ref
    name: str
    alternate_name: str
    description: str
    provider: Ref | None
    url: str
    terms: list[Ref] = field(default_factory=list)


@dataclass
class Vocabulary:
    iri: str
    title: str
    prefix: str
    namespace: str
    publisher: Ref | None
    url: str


@dataclass
class Mapping:
    term: Ref
    relation: str  # exactMatch, closeMatch, ...
    target: str
    target_name: str  # e.g. ceterms:MicroCredential
    vocabulary: Vocabulary | None
    justification: str


@dataclass
class Term:
    ref: Ref
    label: str
    alt_labels: list[str]
    definition: str
    scope_notes: list[str]
    ecosystem: str
    history_notes: list[str]
    editorial_notes: list[str]
    modified: str
    topics: list[Ref]
    broader: list[Ref]
    narrower: list[Ref]
    related: list[Ref]
    source_definitions: list[SourceDefinition]
    examples: list[Example]
    mappings: list[Mapping]
    references: list[Reference]
    initiatives: list[Ref] = field(default_factory=list)
    collections: list[Ref] = field(default_factory=list)
    top_concept: bool = False
    deprecated: bool = False
    replaced_by: list[Ref] = field(default_factory=list)

    @property
    def iri(self) -> str:
        return self.ref.iri

    @property
    def slug(self) -> str:
        return self.ref.path.strip("/").rsplit("/", 1)[-1]


@dataclass
class Topic:
    ref: Ref
    label: str
    definition: str
    terms: list[Ref] = field(default_factory=list)
    initiatives: list[Ref] = field(default_factory=list)


@dataclass
class Organisation:
    ref: Ref
    name: str
    alternate_names: list[str]
    description: str
    url: str
    definitions: list[SourceDefinition] = field(default_factory=list)
    examples: list[Ref] = field(default_factory=list)
    initiatives: list[Ref] = field(default_factory=list)
    references: list[Ref] = field(default_factory=list)
    vocabularies: list[Vocabulary] = field(default_factory=list)


@dataclass
class Initiative:
    ref: Ref
    name: str
    description: str
    year: str
    organisations: list[Ref]
    terms: list[Ref]
    topics: list[Ref]
    url: str = ""


@dataclass
class Collection:
    ref: Ref
    label: str
    definition: str
    ordered: bool
    members: list[Ref]
    source: Reference | None


@dataclass
class OwnDefinition:
    """A class or property of our own vocabulary (`mcg:`)."""

    ref: Ref
    kind: str  # class, object property, ...
    label: str
    definition: str
    domain: str
    range: str
    parent: str
    # for a class: our properties whose domain it is (they describe it) and whose range it is (they lead to it)
    domain_of: list[Ref] = field(default_factory=list)
    range_of: list[Ref] = field(default_factory=list)


@dataclass
class ShapeRule:
    name: str
    description: str
    path: str
    requirement: str
    message: str


@dataclass
class Shape:
    iri: str
    name: str
    label: str
    comment: str
    target: str
    rules: list[ShapeRule]
    message: str
    path: str = ""  # its page, when it is one of ours


@dataclass
class Metadata:
    iri: str
    title: str
    description: str
    version: str
    version_iri: str
    licence: str
    created: str
    modified: str
    creator: Ref | None
    publisher: Ref | None
    prefix: str
    namespace: str
    history: str
    prior_version: str = ""  # the release before this one, or that an unreleased build comes after

    @property
    def released(self) -> bool:
        """False for a build whose data is not a release (data/version_claim.py: `X.Y.Z+unreleased`)."""
        return bool(self.version_iri) and not self.version.endswith(UNRELEASED)


@dataclass
class Glossary:
    metadata: Metadata
    terms: list[Term]
    topics: list[Topic]
    organisations: list[Organisation]
    initiatives: list[Initiative]
    examples: list[Example]
    references: list[Reference]
    collections: list[Collection]
    vocabularies: list[Vocabulary]
    mappings: list[Mapping]
    definitions: list[SourceDefinition]
    own: list[OwnDefinition]
    shapes: list[Shape]

    @property
    def live_terms(self) -> list[Term]:
        """The terms in use: every term but the retired ones, whose pages stay so that their IRIs resolve."""
        return [term for term in self.terms if not term.deprecated]

    def term(self, slug_or_iri: str) -> Term:
        for term in self.terms:
            if term.iri == slug_or_iri or term.slug == slug_or_iri:
                return term
        raise KeyError(slug_or_iri)


def build(graph: Graph, shapes: Graph | None = None) -> Glossary:
    """Read the graph once into the glossary's objects."""
    return _Builder(graph, shapes or Graph()).build()


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _english(graph: Graph, subject: object, predicate: URIRef) -> str:
    """The English (or untagged) value of a property, else any value."""
    values = list(graph.objects(subject, predicate))
    for value in sorted(values, key=lambda v: (getattr(v, "language", None) not in ("en", None), str(v))):
        return str(value)
    return ""


def _sorted_refs(refs: list[Ref]) -> list[Ref]:
    return sorted(set(refs), key=lambda r: (r.label.casefold(), r.iri))


class _Builder:
    def __init__(self, graph: Graph, shapes: Graph) -> None:
        self.g = graph
        self.shapes = shapes
        self._refs: dict[object, Ref] = {}

    # --- references to resources -------------------------------------------------------------------------
    def kind(self, node: object) -> str:
        for rdf_type in self.g.objects(node, RDF.type):
            if rdf_type in KINDS:
                return KINDS[rdf_type]
        return "resource"

    def label(self, node: object) -> str:
        for predicate in LABEL_PROPERTIES:
            text = _english(self.g, node, predicate)
            if text:
                return text
        if (node, RDF.type, MCG.SourceDefinition) in self.g:  # a quotation has no name: say whose and of what
            term, organisation = (
                next(self.g.subjects(MCG.sourceDefinition, node), None),
                self.g.value(node, PROV.wasAttributedTo),
            )
            if term is not None and organisation is not None:
                return f"{self.label(term)}, as defined by {self.label(organisation)}"
        return slug(node) if isinstance(node, URIRef) else ""

    def ref(self, node: object) -> Ref:
        if node not in self._refs:
            summary = _english(self.g, node, SKOS.definition) or _english(self.g, node, SCHEMA.description)
            if (node, OWL.deprecated, Literal(True)) in self.g:  # every list that shows a retired term says so
                summary = f"Retired. {summary}"
            path = page_path(node) if is_ours(node) else ""
            self._refs[node] = Ref(str(node), path, self.label(node), self.kind(node), summary)
        return self._refs[node]

    def refs(self, subject: object, predicate: URIRef) -> list[Ref]:
        return _sorted_refs([self.ref(o) for o in self.g.objects(subject, predicate) if isinstance(o, URIRef)])

    def maybe_ref(self, node: object) -> Ref | None:
        return self.ref(node) if isinstance(node, URIRef) else None

    def instances(self, cls: URIRef) -> list[URIRef]:
        return sorted((s for s in self.g.subjects(RDF.type, cls) if isinstance(s, URIRef)), key=str)

    # --- the objects ---------------------------------------------------------------------------------------
    def build(self) -> Glossary:
        g = self.g
        vocabularies = self.vocabularies()
        references = {iri: self.reference(iri) for iri in self.instances(DCTERMS.BibliographicResource)}
        definitions = {iri: self.source_definition(iri, references) for iri in self.instances(MCG.SourceDefinition)}
        examples = {iri: self.example(iri) for iri in self.instances(MCG.Example)}
        justifications = self.justifications()
        terms = [
            self.term(iri, definitions, examples, references, vocabularies, justifications)
            for iri in self.instances(MCG.Term)
        ]
        terms.sort(key=lambda t: (t.label.casefold(), t.iri))
        topics = [
            Topic(self.ref(iri), self.label(iri), _english(g, iri, SKOS.definition))
            for iri in self.instances(MCG.Topic)
        ]
        topics.sort(key=lambda t: t.label.casefold())
        initiatives = sorted(
            (self.initiative(iri) for iri in self.instances(MCG.Initiative)), key=lambda i: i.name.casefold()
        )
        organisations = sorted(
            (self.organisation(iri) for iri in self.instances(SCHEMA.Organization)), key=lambda o: o.name.casefold()
        )
        collections = [
            self.collection(iri, references)
            for iri in sorted({*self.instances(SKOS.Collection), *self.instances(SKOS.OrderedCollection)}, key=str)
        ]
        self.link_back(
            terms, topics, organisations, initiatives, examples, references, definitions, collections, vocabularies
        )
        mappings = [m for t in terms for m in t.mappings]
        return Glossary(
            metadata=self.metadata(),
            terms=terms,
            topics=topics,
            organisations=organisations,
            initiatives=initiatives,
            examples=sorted(examples.values(), key=lambda e: e.name.casefold()),
            references=sorted(references.values(), key=lambda r: r.title.casefold()),
            collections=collections,
            vocabularies=sorted(vocabularies.values(), key=lambda v: v.title.casefold()),
            mappings=mappings,
            definitions=sorted(definitions.values(), key=lambda d: d.ref.iri),
            own=self.own_definitions(),
            shapes=self.shape_list(),
        )

    def metadata(self) -> Metadata:
        g = self.g
        return Metadata(
            iri=str(GLOSSARY),
            title=_english(g, GLOSSARY, DCTERMS.title) or self.label(GLOSSARY),
            description=_english(g, GLOSSARY, DCTERMS.description),
            version=_text(g.value(GLOSSARY, OWL.versionInfo)),
            version_iri=_text(g.value(GLOSSARY, OWL.versionIRI)),
            licence=_text(g.value(GLOSSARY, DCTERMS.license)),
            created=_text(g.value(GLOSSARY, DCTERMS.created)),
            modified=_text(g.value(GLOSSARY, DCTERMS.modified)),
            creator=self.maybe_ref(g.value(GLOSSARY, DCTERMS.creator)),
            publisher=self.maybe_ref(g.value(GLOSSARY, DCTERMS.publisher)),
            prefix=_text(g.value(GLOSSARY, VANN.preferredNamespacePrefix)),
            namespace=_text(g.value(GLOSSARY, VANN.preferredNamespaceUri)),
            history=_english(g, GLOSSARY, SKOS.historyNote),
            prior_version=_text(g.value(GLOSSARY, OWL.priorVersion)).removeprefix(str(GLOSSARY)),
        )

    def reference(self, iri: URIRef) -> Reference:
        g = self.g
        return Reference(
            ref=self.ref(iri),
            title=_english(g, iri, DCTERMS.title),
            alternative_title=_english(g, iri, DCTERMS.alternative),
            publisher=self.maybe_ref(g.value(iri, DCTERMS.publisher)),
            year=_text(g.value(iri, DCTERMS.issued)),
            url=_text(g.value(iri, SCHEMA.url)),
            modified=_text(g.value(iri, DCTERMS.modified)),
        )

    def source_definition(self, iri: URIRef, references: dict) -> SourceDefinition:
        g = self.g
        value = g.value(iri, RDF.value)
        publication = g.value(iri, DCTERMS.source)
        return SourceDefinition(
            ref=self.ref(iri),
            quote=_text(value),
            language=getattr(value, "language", None) or "",
            organisation=self.ref(g.value(iri, PROV.wasAttributedTo)),
            year=_text(g.value(iri, DCTERMS.issued)),
            publication=references.get(publication),
            quoted_from=_text(g.value(iri, PROV.wasQuotedFrom)),
            via=references.get(g.value(iri, PROV.wasDerivedFrom)),
            original=references.get(g.value(iri, PROV.hadPrimarySource)),
            note=_english(g, iri, SKOS.note),
            term_in_source=_english(g, iri, MCG.termInSource),
        )

    def example(self, iri: URIRef) -> Example:
        g = self.g
        return Example(
            ref=self.ref(iri),
            name=_english(g, iri, SCHEMA.name),
            alternate_name=_english(g, iri, SCHEMA.alternateName),
            description=_english(g, iri, SCHEMA.description),
            provider=self.maybe_ref(g.value(iri, SCHEMA.provider)),
            url=_text(g.value(iri, SCHEMA.url)),
        )

    def vocabularies(self) -> dict[str, Vocabulary]:
        """External vocabularies we map to, keyed by namespace."""
        found = {}
        for iri in self.g.subjects(VANN.preferredNamespaceUri, None):
            if iri == GLOSSARY:
                continue
            namespace = _text(self.g.value(iri, VANN.preferredNamespaceUri))
            found[namespace] = Vocabulary(
                iri=str(iri),
                title=_english(self.g, iri, DCTERMS.title),
                prefix=_text(self.g.value(iri, VANN.preferredNamespacePrefix)),
                namespace=namespace,
                publisher=self.maybe_ref(self.g.value(iri, DCTERMS.publisher)),
                url=_text(self.g.value(iri, SCHEMA.url)),
            )
        return found

    def justifications(self) -> dict[tuple, str]:
        """(source, property, target) -> the comment of the OWL axiom that annotates that statement."""
        found = {}
        for axiom in self.g.subjects(RDF.type, OWL.Axiom):
            key = (
                self.g.value(axiom, OWL.annotatedSource),
                self.g.value(axiom, OWL.annotatedProperty),
                self.g.value(axiom, OWL.annotatedTarget),
            )
            found[key] = _english(self.g, axiom, RDFS.comment)
        return found

    def term(self, iri, definitions, examples, references, vocabularies, justifications) -> Term:
        g = self.g
        ref = self.ref(iri)
        mappings = []
        for predicate in MAPPING_PROPERTIES:
            for target in sorted(g.objects(iri, predicate), key=str):
                vocabulary = next((v for ns, v in vocabularies.items() if str(target).startswith(ns)), None)
                local = str(target)[len(vocabulary.namespace) :] if vocabulary else str(target)
                mappings.append(
                    Mapping(
                        term=ref,
                        relation=predicate.fragment,
                        target=str(target),
                        target_name=f"{vocabulary.prefix}:{local}" if vocabulary else str(target),
                        vocabulary=vocabulary,
                        justification=justifications.get((iri, predicate, target), ""),
                    )
                )
        sources = sorted(
            (definitions[d] for d in g.objects(iri, MCG.sourceDefinition) if d in definitions),
            key=lambda d: (d.organisation.label.casefold(), d.year, d.ref.iri),
        )
        for source in sources:
            source.term = ref
        term_examples = sorted(
            (examples[e] for e in g.objects(iri, SKOS.example) if e in examples), key=lambda e: e.name.casefold()
        )
        return Term(
            ref=ref,
            label=ref.label,
            alt_labels=sorted({str(a) for a in g.objects(iri, SKOS.altLabel)}, key=str.casefold),
            definition=_english(g, iri, SKOS.definition),
            scope_notes=sorted(str(n) for n in g.objects(iri, SKOS.scopeNote)),
            ecosystem=_english(g, iri, MCG.ecosystemRelationship),
            history_notes=sorted(str(n) for n in g.objects(iri, SKOS.historyNote)),
            editorial_notes=sorted(str(n) for n in g.objects(iri, SKOS.editorialNote)),
            modified=_text(g.value(iri, DCTERMS.modified)),
            topics=self.refs(iri, DCTERMS.subject),
            broader=_sorted_refs(self.refs(iri, SKOS.broader) + [self.ref(s) for s in g.subjects(SKOS.narrower, iri)]),
            narrower=_sorted_refs(self.refs(iri, SKOS.narrower) + [self.ref(s) for s in g.subjects(SKOS.broader, iri)]),
            related=_sorted_refs(self.refs(iri, SKOS.related) + [self.ref(s) for s in g.subjects(SKOS.related, iri)]),
            source_definitions=sources,
            examples=term_examples,
            mappings=mappings,
            references=sorted(
                (references[r] for r in g.objects(iri, DCTERMS.references) if r in references),
                key=lambda r: r.title.casefold(),
            ),
            top_concept=(GLOSSARY, SKOS.hasTopConcept, iri) in g or (iri, SKOS.topConceptOf, GLOSSARY) in g,
            deprecated=bool(g.value(iri, OWL.deprecated) == Literal(True)),
            replaced_by=self.refs(iri, DCTERMS.isReplacedBy),
        )

    def initiative(self, iri: URIRef) -> Initiative:
        g = self.g
        return Initiative(
            ref=self.ref(iri),
            name=_english(g, iri, SCHEMA.name),
            description=_english(g, iri, SCHEMA.description),
            year=_text(g.value(iri, MCG.launchYear)),
            organisations=self.refs(iri, PROV.wasAssociatedWith),
            terms=self.refs(iri, DCTERMS.relation),
            topics=self.refs(iri, DCTERMS.subject),
            url=_text(g.value(iri, SCHEMA.url)),
        )

    def organisation(self, iri: URIRef) -> Organisation:
        g = self.g
        return Organisation(
            ref=self.ref(iri),
            name=_english(g, iri, SCHEMA.name),
            alternate_names=sorted({str(n) for n in g.objects(iri, SCHEMA.alternateName)}),
            description=_english(g, iri, SCHEMA.description),
            url=_text(g.value(iri, SCHEMA.url)),
        )

    def collection(self, iri: URIRef, references: dict) -> Collection:
        g = self.g
        head = g.value(iri, SKOS.memberList)
        members = [self.ref(m) for m in RdfList(g, head)] if head is not None else self.refs(iri, SKOS.member)
        return Collection(
            ref=self.ref(iri),
            label=self.label(iri),
            definition=_english(g, iri, SKOS.definition),
            ordered=head is not None,
            members=members,
            source=references.get(g.value(iri, DCTERMS.source)),
        )

    def link_back(
        self, terms, topics, organisations, initiatives, examples, references, definitions, collections, vocabularies
    ) -> None:
        """Fill the 'what links here' lists, so each page can show them without another query."""
        by_topic = defaultdict(list)
        for term in terms:
            for topic in term.topics:
                by_topic[topic.iri].append(term.ref)
        topic_initiatives = defaultdict(list)
        term_initiatives = defaultdict(list)
        org_initiatives = defaultdict(list)
        for initiative in initiatives:
            for topic in initiative.topics:
                topic_initiatives[topic.iri].append(initiative.ref)
            for term in initiative.terms:
                term_initiatives[term.iri].append(initiative.ref)
            for org in initiative.organisations:
                org_initiatives[org.iri].append(initiative.ref)
        term_collections = defaultdict(list)
        for collection in collections:
            for member in collection.members:
                term_collections[member.iri].append(collection.ref)
        for term in terms:
            term.initiatives = _sorted_refs(term_initiatives[term.iri])
            term.collections = _sorted_refs(term_collections[term.iri])
            for example in term.examples:
                example.terms = _sorted_refs([*example.terms, term.ref])
            for reference in term.references:
                reference.cited_by = _sorted_refs([*reference.cited_by, term.ref])
        for topic in topics:
            topic.terms = _sorted_refs(by_topic[topic.ref.iri])
            topic.initiatives = _sorted_refs(topic_initiatives[topic.ref.iri])
        # grouped once by organisation: a pass over every definition per organisation is quadratic at scale
        org_definitions, org_examples, org_references = defaultdict(list), defaultdict(list), defaultdict(list)
        for definition in definitions.values():
            org_definitions[definition.organisation.iri].append(definition)
            for source in {
                id(r): r for r in (definition.publication, definition.via, definition.original) if r
            }.values():
                source.quotations.append(definition.ref)
        for example in examples.values():
            if example.provider:
                org_examples[example.provider.iri].append(example.ref)
        for reference in references.values():
            if reference.publisher:
                org_references[reference.publisher.iri].append(reference.ref)
        for organisation in organisations:
            iri = organisation.ref.iri
            organisation.definitions = sorted(
                org_definitions[iri], key=lambda d: (d.term.label.casefold() if d.term else "", d.year)
            )
            organisation.examples = _sorted_refs(org_examples[iri])
            organisation.initiatives = _sorted_refs(org_initiatives[iri])
            organisation.references = _sorted_refs(org_references[iri])
            organisation.vocabularies = sorted(
                (v for v in vocabularies.values() if v.publisher and v.publisher.iri == iri), key=lambda v: v.title
            )

    def own_definitions(self) -> list[OwnDefinition]:
        g = self.g
        kinds = {
            OWL.Class: "class",
            OWL.ObjectProperty: "object property",
            OWL.DatatypeProperty: "datatype property",
            OWL.AnnotationProperty: "annotation property",
        }
        found = []
        for owl_type, kind in kinds.items():
            for iri in self.instances(owl_type):
                if not str(iri).startswith(str(MCG)):
                    continue
                found.append(
                    OwnDefinition(
                        ref=self.ref(iri),
                        kind=kind,
                        label=_english(g, iri, RDFS.label),
                        definition=_english(g, iri, SKOS.definition),
                        domain=g.namespace_manager.normalizeUri(g.value(iri, RDFS.domain))
                        if g.value(iri, RDFS.domain)
                        else "",
                        range=g.namespace_manager.normalizeUri(g.value(iri, RDFS.range))
                        if g.value(iri, RDFS.range)
                        else "",
                        parent=" ".join(
                            g.namespace_manager.normalizeUri(p)
                            for p in sorted([*g.objects(iri, RDFS.subClassOf), *g.objects(iri, RDFS.subPropertyOf)])
                        ),
                    )
                )
        for d in found:
            if d.kind == "class":
                name = g.namespace_manager.normalizeUri(URIRef(d.ref.iri))
                d.domain_of = sorted((p.ref for p in found if p.domain == name), key=lambda r: r.iri)
                d.range_of = sorted((p.ref for p in found if p.range == name), key=lambda r: r.iri)
        return sorted(found, key=lambda d: (d.kind != "class", d.label.casefold()))

    def shape_list(self) -> list[Shape]:
        s = self.shapes
        short = s.namespace_manager.normalizeUri
        shapes = []
        for shape in sorted(set(s.subjects(RDF.type, SH.NodeShape)), key=str):
            targets = [f"instances of {short(t)}" for t in s.objects(shape, SH.targetClass)]
            targets += [f"the resource {short(t)}" for t in s.objects(shape, SH.targetNode)]
            targets += [f"subjects of {short(t)}" for t in s.objects(shape, SH.targetSubjectsOf)]
            rules = []
            for prop in s.objects(shape, SH.property):
                rules.append(
                    ShapeRule(
                        name=_text(s.value(prop, SH.name)),
                        description=_text(s.value(prop, SH.description)),
                        path=self._path_text(prop),
                        requirement=self._requirement(prop),
                        message=_text(s.value(prop, SH.message)),
                    )
                )
            rules.sort(key=lambda r: r.name)
            shapes.append(
                Shape(
                    iri=str(shape),
                    name=str(shape).rsplit("/", 1)[-1],
                    label=_english(s, shape, RDFS.label),
                    comment=_english(s, shape, RDFS.comment),
                    target="; ".join(sorted(targets)),
                    rules=rules,
                    message=_text(s.value(shape, SH.message)),
                    path=page_path(shape) if is_ours(shape) and path_problem(shape) is None else "",
                )
            )
        return shapes

    def _path_text(self, prop: object) -> str:
        s = self.shapes
        path = s.value(prop, SH.path)
        if isinstance(path, BNode):
            alternatives = s.value(path, SH.alternativePath)
            if alternatives is not None:
                return " | ".join(s.namespace_manager.normalizeUri(p) for p in RdfList(s, alternatives))
        return s.namespace_manager.normalizeUri(path) if path is not None else ""

    def _requirement(self, prop: object) -> str:
        """What a property shape demands, in words."""
        s = self.shapes
        short = s.namespace_manager.normalizeUri
        parts = []
        low, high = s.value(prop, SH.minCount), s.value(prop, SH.maxCount)
        if low is not None and high is not None:
            parts.append(f"exactly {low}" if low == high else f"{low} to {high}")
        elif low is not None:
            parts.append(f"at least {low}")
        elif high is not None:
            parts.append(f"at most {high}")
        for predicate, words in ((SH.datatype, "of type"), (SH["class"], "an instance of"), (SH.hasValue, "equal to")):
            value = s.value(prop, predicate)
            if value is not None:
                parts.append(f"{words} {short(value) if isinstance(value, URIRef) else value}")
        if (prop, SH.nodeKind, SH.IRI) in s:
            parts.append("an IRI")
        if s.value(prop, SH.pattern) is not None:
            parts.append("in a verified namespace")
        if s.value(prop, SH.uniqueLang) is not None:
            parts.append("one per language")
        for predicate, words in ((SH.minLength, "min. length"), (SH.maxLength, "max. length")):
            value = s.value(prop, predicate)
            if value is not None:
                parts.append(f"{words} {value}")
        return ", ".join(parts) or "—"
