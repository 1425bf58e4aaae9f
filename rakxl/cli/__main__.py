"""``python -m rakxl.cli``: the ``rakxl`` command."""
from . import main

main()
