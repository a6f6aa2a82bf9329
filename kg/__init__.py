"""govkg: governance and policy text -> RDF knowledge graph of actors, mechanisms, goals and metrics.

The data flows in one line::

    text -> kg.ingest.Document -> spaCy Doc (kg.nlp) -> kg.records.Extraction
         -> rdflib Graph (kg.rdf) -> networkx view (kg.graph) / SPARQL (kg.query) / HTML (kg.viz)

Nothing runs at import time; import the stage you need.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
