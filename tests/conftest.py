"""Shared fixtures: the bundled sample built once per test session."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture(scope="session")
def sample_extraction():
    from kg.pipeline import extract_document, sample_document

    return extract_document(sample_document())


@pytest.fixture(scope="session")
def sample_graph(sample_extraction):
    from kg.rdf.build import build_graph

    return build_graph([sample_extraction])


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("Debian chromium is not installed (.ci/run installs it)")
    return path
