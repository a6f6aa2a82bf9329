"""The installed package finds its data, from a checkout and from a built wheel."""

import subprocess
import sys
import zipfile

import pytest

from kg import resources


def test_ontology_shapes_lexicon_grammar_parse():
    assert len(resources.load_ontology()) > 300
    assert len(resources.load_shapes()) > 50
    assert len(resources.load_lexicon()) > 1000
    assert "govkg.jieba_tokenizer.v1" not in resources.read_text("grammar.ttl")  # data, not config


def test_named_queries_listed_and_loaded():
    names = resources.query_names()
    assert len(names) >= 10
    assert "SELECT" in resources.load_query(names[0]).upper()
    with pytest.raises(KeyError, match="known"):
        resources.load_query("no-such-query")


def test_sample_is_the_attributed_article():
    import hashlib

    text = resources.sample_text()
    assert hashlib.sha256(text.encode()).hexdigest().startswith("0e4838021b12")
    source = resources.sample_path().parent.joinpath("SOURCE.md").read_text(encoding="utf-8")
    assert "谢晓军" in source and "江苏省民政厅" in source


@pytest.mark.slow
def test_wheel_contains_data(tmp_path):
    import pathlib

    root = pathlib.Path(__file__).resolve().parents[1]
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path),
           str(root)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    (wheel,) = tmp_path.glob("govkg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("kg/ontology/govkg.ttl", "kg/ontology/shapes.ttl", "kg/ontology/lexicon.ttl",
                   "kg/ontology/grammar.ttl", "kg/data/pipeline.cfg",
                   "kg/data/samples/jiangsu-grassroots-governance.zh.txt", "kg/data/samples/SOURCE.md",
                   "kg/viz/template.html", "kg/viz/page.js", "kg/viz/page.css"):
        assert needed in names, needed
    assert any(n.startswith("kg/ontology/queries/") and n.endswith(".rq") for n in names)
    # every module of the checkout ships (a package left out of the build list, such as kg.cli, leaves a
    # wheel without the govkg command that only an editable install hides)
    modules = {p.relative_to(root).as_posix() for p in (root / "kg").rglob("*.py") if "__pycache__" not in p.parts}
    assert modules - names == set()
    assert any(n.endswith("LICENSE") for n in names)
