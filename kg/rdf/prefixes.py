"""The namespace prefixes govkg writes and reads, in one table (plain strings: no rdflib import).

Turtle, JSON-LD, the corpus datasets, SPARQL queries and rdflib graphs all take their prefixes from
:data:`PREFIXES`, each the part it needs.

>>> PREFIXES["gov"], PREFIXES["oa"]
('https://w3id.org/govkg/ontology#', 'http://www.w3.org/ns/oa#')
"""

from __future__ import annotations

__all__ = ["PREFIXES", "prefixes"]

#: prefix -> namespace IRI
PREFIXES: dict[str, str] = {
    "gov": "https://w3id.org/govkg/ontology#",
    "id": "https://w3id.org/govkg/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "oa": "http://www.w3.org/ns/oa#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "qudt": "http://qudt.org/schema/qudt/",
}


def prefixes(*names: str) -> dict[str, str]:
    """The entries of :data:`PREFIXES` named, in the order given.

    >>> prefixes("gov", "xsd")
    {'gov': 'https://w3id.org/govkg/ontology#', 'xsd': 'http://www.w3.org/2001/XMLSchema#'}
    """
    return {n: PREFIXES[n] for n in names}
