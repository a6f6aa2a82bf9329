"""``python -m kg.cli ...``: the ``govkg`` command without its console script (a checkout on PYTHONPATH)."""

from kg.cli import main

main()
