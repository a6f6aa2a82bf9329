"""The spaCy stage: a blank ``zh`` pipeline with a private jieba tokenizer and rule-based components.

Importing :mod:`kg.nlp.pipeline` registers the factories (``govkg_*``) and registered functions
(``govkg.*.v1``); :func:`kg.nlp.pipeline.build_nlp` assembles them from a config.
"""
