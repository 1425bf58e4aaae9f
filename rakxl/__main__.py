"""``python -m rakxl``: the ``rakxl`` command."""
from .cli import main

main()
