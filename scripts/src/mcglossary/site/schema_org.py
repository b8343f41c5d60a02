"""schema.org JSON-LD for the head of each page: what the page's resource is, in schema.org's terms.

The context is `{"@vocab": "https://schema.org/"}`, not the string "https://schema.org": schema.org's published
context maps its terms to `http://schema.org/`, while the glossary's RDF uses `https://schema.org/`; with @vocab the
page and the RDF name the same properties. Every description carries the resource's own IRI as @id, its name and a
description (tests/test_structured_data.py expands each page's JSON-LD and checks them).
"""

from __future__ import annotations

import orjson

from mcglossary.data.namespaces import SCHEMA
from mcglossary.site.model import (
    Collection,
    Example,
    Glossary,
    Initiative,
    Organisation,
    OwnDefinition,
    Ref,
    Reference,
    Shape,
    SourceDefinition,
    Term,
    Topic,
)

CONTEXT = {"@vocab": str(SCHEMA)}


def thing(kind: str, iri: str, name: str, description: str, **more: object) -> dict:
    """One schema.org description: its type, @id, name and description, and any more properties that have a value."""
    body: dict = {"@context": CONTEXT, "@type": kind, "@id": iri, "name": name, "description": description or name}
    body.update({key: value for key, value in more.items() if value not in (None, "", [])})
    return body


def ref(iri: str, name: str = "", kind: str = "") -> dict:
    node: dict = {"@id": iri}
    if kind:
        node["@type"] = kind
    if name:
        node["name"] = name
    return node


def organisation_ref(item: Ref | None) -> dict | None:
    return ref(item.iri, item.label, "Organization") if item else None


def defined_term_set(glossary: Glossary) -> dict:
    meta = glossary.metadata
    return thing(
        "DefinedTermSet",
        meta.iri,
        meta.title,
        meta.description,
        license=meta.licence,
        version=meta.version,
        dateModified=meta.modified,
        hasDefinedTerm=[ref(t.iri, t.label) for t in glossary.terms],
    )


def defined_term(glossary: Glossary, term: Term) -> dict:
    return thing(
        "DefinedTerm",
        term.iri,
        term.label,
        term.definition,
        termCode=term.slug,
        url=term.iri,
        inDefinedTermSet=ref(glossary.metadata.iri, glossary.metadata.title, "DefinedTermSet"),
        dateModified=term.modified,
        alternateName=term.alt_labels,
        sameAs=sorted(m.target for m in term.mappings if m.relation == "exactMatch"),
    )


def topic(glossary: Glossary, item: Topic, scheme: str, scheme_name: str) -> dict:
    return thing(
        "DefinedTerm",
        item.ref.iri,
        item.label,
        item.definition,
        inDefinedTermSet=ref(scheme, scheme_name, "DefinedTermSet"),
        subjectOf=[ref(t.iri, t.label) for t in item.terms],
    )


def organisation(org: Organisation) -> dict:
    return thing("Organization", org.ref.iri, org.name, org.description, url=org.url, alternateName=org.alternate_names)


def initiative(item: Initiative) -> dict:
    # schema.org's Project: "an enterprise ... planned to achieve a particular aim", the nearest to a programme, policy
    # or task force that organisations run together
    return thing(
        "Project",
        item.ref.iri,
        item.name,
        item.description,
        foundingDate=item.year,
        member=[organisation_ref(o) for o in item.organisations],
    )


def example(item: Example) -> dict:
    more = {"provider": organisation_ref(item.provider), "url": item.url}
    return thing("EducationalOccupationalProgram", item.ref.iri, item.name, item.description, **more)


def reference(item: Reference) -> dict:
    publisher = organisation_ref(item.publisher)
    more = {"publisher": publisher, "datePublished": item.year, "url": item.url}
    return thing("CreativeWork", item.ref.iri, item.title, item.title, **more)


def quotation(item: SourceDefinition, title: str) -> dict:
    source = item.publication
    return thing(
        "Quotation",
        item.ref.iri,
        title,
        item.quote,
        text=item.quote,
        inLanguage=item.language,
        creator=organisation_ref(item.organisation),
        isPartOf=ref(source.ref.iri, source.title, "CreativeWork") if source else None,
        about=ref(item.term.iri, item.term.label, "DefinedTerm") if item.term else None,
    )


def collection(item: Collection) -> dict:
    return thing(
        "DefinedTermSet",
        item.ref.iri,
        item.label,
        item.definition,
        hasDefinedTerm=[ref(m.iri, m.label) for m in item.members],
    )


def own_definition(item: OwnDefinition, namespace: str) -> dict:
    return thing(
        "DefinedTerm",
        item.ref.iri,
        item.label,
        item.definition,
        termCode=item.ref.iri.rsplit("/", 1)[-1],
        inDefinedTermSet=ref(namespace, "The glossary's own vocabulary", "DefinedTermSet"),
    )


def namespace_document(glossary: Glossary, namespace: str, name: str) -> dict:
    return thing(
        "DefinedTermSet",
        namespace,
        name,
        "The classes and properties the Microcredential Glossary defines itself.",
        hasDefinedTerm=[ref(d.ref.iri, d.label) for d in glossary.own],
    )


def shape(item: Shape, name: str) -> dict:
    return thing("CreativeWork", item.iri, name, item.comment, encodingFormat="text/turtle", genre="SHACL shape")


def query(iri: str, name: str, description: str, text: str) -> dict:
    return thing("SoftwareSourceCode", iri, name, description, programmingLanguage="SPARQL", text=text)


def release(iri: str, name: str, description: str, version: str, date: str) -> dict:
    return thing("Dataset", iri, name, description, version=version, datePublished=date)


def script_safe(body: dict) -> str:
    """JSON for a <script> element, compact (orjson: the indented standard library took most of a second for the pages
    of 1,000 terms): `<`, `>` and `&` escaped so no label can close the element."""
    text = orjson.dumps(body, option=orjson.OPT_SORT_KEYS).decode("utf-8")
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
