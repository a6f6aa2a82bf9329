"""Shared fixtures: the bundled sample built once per test session."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_CACHE_ENV = "GOVKG_CACHE_DIR"
_own_cache: str | None = None


def pytest_configure(config):
    """Keep the start-up cache of the whole run (and of the CLIs it starts) out of the user's cache folder."""
    global _own_cache
    if _CACHE_ENV not in os.environ:
        _own_cache = tempfile.mkdtemp(prefix="govkg-test-cache-")
        os.environ[_CACHE_ENV] = _own_cache


def pytest_unconfigure(config):
    if _own_cache is not None:
        os.environ.pop(_CACHE_ENV, None)
        shutil.rmtree(_own_cache, ignore_errors=True)


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
