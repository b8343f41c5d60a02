"""schema.org JSON-LD for the head of each page: DefinedTerm, DefinedTermSet, Organization."""

from __future__ import annotations

import json

from mcglossary.site.model import Glossary, Organisation, Term


def defined_term_set(glossary: Glossary) -> dict:
    meta = glossary.metadata
    return {
        "@context": "https://schema.org",
        "@type": "DefinedTermSet",
        "@id": meta.iri,
        "name": meta.title,
        "description": meta.description,
        "license": meta.licence,
        "version": meta.version,
        "dateModified": meta.modified,
        "hasDefinedTerm": [{"@id": t.iri, "name": t.label} for t in glossary.terms],
    }


def defined_term(glossary: Glossary, term: Term) -> dict:
    body = {
        "@context": "https://schema.org",
        "@type": "DefinedTerm",
        "@id": term.iri,
        "name": term.label,
        "description": term.definition,
        "termCode": term.slug,
        "url": term.iri,
        "inDefinedTermSet": {"@type": "DefinedTermSet", "@id": glossary.metadata.iri, "name": glossary.metadata.title},
        "dateModified": term.modified,
    }
    if term.alt_labels:
        body["alternateName"] = term.alt_labels
    same = sorted(m.target for m in term.mappings if m.relation == "exactMatch")
    if same:
        body["sameAs"] = same
    return body


def organisation(org: Organisation) -> dict:
    body = {"@context": "https://schema.org", "@type": "Organization", "@id": org.ref.iri, "name": org.name}
    if org.url:
        body["url"] = org.url
    if org.alternate_names:
        body["alternateName"] = org.alternate_names
    return body


def script_safe(body: dict) -> str:
    """JSON for a <script> element: `<`, `>` and `&` escaped so no label can close the element."""
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, indent=1)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
