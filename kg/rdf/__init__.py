"""RDF stage: records -> rdflib graph, SHACL validation, serialisation."""
