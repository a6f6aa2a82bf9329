"""Same input, same bytes: builds do not depend on the process, its hash seed or the input order.

Two ``govkg build`` processes with different ``PYTHONHASHSEED`` must write byte-identical files, and their
graphs must have byte-identical canonical N-Triples (:func:`kg.rdf.serialize.canonical_ntriples`). IRIs
are functions of content (an entity's core class and label, a document's text), never of the run.

Not covered here: ``--workers 1`` against ``--workers 2`` (parallel extraction) is tested by the engineer
who adds the option; it must compare canonical N-Triples the same way.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

import pytest
from commands import govkg_command
from rdflib import BNode, Graph
from rdflib.namespace import DCTERMS, RDF, SKOS

from kg.rdf.iri import document_iri, entity_iri
from kg.rdf.serialize import canonical_ntriples
from kg.vocab import GOV

SIMPLIFIED = ("江苏省委、省政府印发《关于加强基层治理体系建设的意见》，推动社会组织参与社区治理。\n"
              "全省建成城乡社区综合服务站1.2万个，覆盖率达到97.5%。\n")
TRADITIONAL = ("江蘇省委、省政府印發《關於加強基層治理體系建設的意見》，推動社會組織參與社區治理。\n"
               "全省建成城鄉社區綜合服務站1.2萬個，覆蓋率達到97.5%。\n")
CORES = {"actor": "Actor", "mechanism": "Mechanism", "goal": "Goal", "challenge": "Challenge", "event": "Event"}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """The same folder built by two processes at once, with hash seeds 1 and 2."""
    from kg.resources import sample_text

    root = tmp_path_factory.mktemp("determinism")
    texts = {"docs/sample.txt": sample_text(), "docs/simplified.txt": SIMPLIFIED,
             "docs/traditional.txt": TRADITIONAL}
    (root / "docs").mkdir()
    for name, text in texts.items():
        (root / name).write_text(text, encoding="utf-8")
    procs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        procs.append(subprocess.Popen([*govkg_command(), "build", "docs", "-o", f"out{seed}", "--no-validate"],
                                      cwd=root, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                      stderr=subprocess.PIPE, text=True))
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    return root / "out1", root / "out2", texts


def test_canonical_ntriples_are_byte_identical_across_hash_seeds(two_builds) -> None:
    a, b, _ = two_builds
    ga = Graph().parse(a / "govkg.ttl", format="turtle")
    gb = Graph().parse(b / "govkg.ttl", format="turtle")
    assert len(ga) > 1000
    assert canonical_ntriples(ga) == canonical_ntriples(gb)


@pytest.mark.parametrize("name", ["govkg.ttl", "govkg.jsonld", "govkg.html"])
def test_every_output_file_is_byte_identical_across_hash_seeds(two_builds, name: str) -> None:
    a, b, _ = two_builds
    assert (a / name).read_bytes() == (b / name).read_bytes()


def test_iris_are_functions_of_content(two_builds) -> None:
    a, _, texts = two_builds
    g = Graph().parse(a / "govkg.ttl", format="turtle")
    assert not [t for t in g for x in t if isinstance(x, BNode)]  # no blank nodes anywhere
    entities = 0
    for node in set(g.subjects(SKOS.prefLabel, None)):
        kind = str(node).split("/id/", 1)[1].split("/", 1)[0]
        if kind not in CORES:
            continue
        zh = [str(o) for o in g.objects(node, SKOS.prefLabel) if o.language == "zh"]
        assert len(zh) == 1, node
        assert node == entity_iri(CORES[kind], zh[0]), (node, zh[0])
        entities += 1
    assert entities > 50
    for doc in g.subjects(RDF.type, GOV.Document):
        text = texts[str(g.value(doc, DCTERMS.source))]
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        assert str(g.value(doc, GOV.sha256)) == sha
        assert doc == document_iri(sha[:16])


def test_iri_minting_is_pinned() -> None:
    """Changing how IRIs are minted breaks every link into published graphs: pin two values."""
    assert str(entity_iri("Actor", "江苏省委")) == "https://w3id.org/govkg/id/actor/927f9db579daed31"
    assert str(entity_iri("Mechanism", "“五社联动”机制")) == "https://w3id.org/govkg/id/mechanism/eea297be33ec3695"
    assert entity_iri("Mechanism", '"五社联动"机制') == entity_iri("Mechanism", "五社联动机制")


@pytest.fixture(scope="module")
def extract():
    from kg.ingest import from_text
    from kg.pipeline import extract_document
    from kg.records import DocumentMeta

    def run(text: str, source: str):
        return extract_document(from_text(text, meta=DocumentMeta(source=source), name=source))

    return run


def test_extraction_keeps_no_state_between_documents(extract) -> None:
    from kg.pipeline import graph_of

    first = canonical_ntriples(graph_of([extract(SIMPLIFIED, "a.txt")]))
    extract(TRADITIONAL + "省民政厅牵头建立“五社联动”机制。\n", "b.txt")
    assert canonical_ntriples(graph_of([extract(SIMPLIFIED, "a.txt")])) == first


def test_graph_does_not_depend_on_input_order(extract) -> None:
    from kg.pipeline import graph_of

    a = extract(SIMPLIFIED, "a.txt")
    b = extract(TRADITIONAL + "省民政厅牵头建立“五社联动”机制。\n", "b.txt")
    c = extract("省政府办公厅印发《关于推进城乡社区治理的通知》，建立网格化管理机制。\n", "c.txt")
    orders = [[a, b, c], [c, b, a], [b, a, c]]
    assert len({canonical_ntriples(graph_of(o)) for o in orders}) == 1
