"""Assemble the spaCy pipeline from a config (default: ``kg/data/pipeline.cfg``)."""

from __future__ import annotations

import functools
import logging
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import load_config, load_config_from_str, load_model_from_config

# importing the modules registers the factories and the tokenizer
from kg.nlp import bridge, document, metrics, recognizers, relations, resolve, segment, tokenizer  # noqa: F401

__all__ = ["build_nlp", "default_config_text", "default_nlp"]

log = logging.getLogger(__name__)


def default_config_text() -> str:
    return resources.files("kg.data").joinpath("pipeline.cfg").read_text(encoding="utf-8")


def build_nlp(config: str | Path | None = None, *, overrides: dict | None = None) -> Language:
    """A pipeline from a config file (or the default), with optional dotted overrides."""
    if config is None:
        cfg = load_config_from_str(default_config_text(), overrides=overrides or {})
    else:
        cfg = load_config(Path(config), overrides=overrides or {})
    nlp = load_model_from_config(cfg, auto_fill=True, validate=True)
    nlp.max_length = 2_000_000
    log.info("pipeline: %s", ", ".join(nlp.pipe_names))
    return nlp


@functools.lru_cache(maxsize=1)
def default_nlp() -> Language:
    """The default pipeline, built once per process."""
    return build_nlp()


del spacy
