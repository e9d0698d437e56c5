"""Recount: recompute the figures a news article cites from the counts it gives.

Modules, each named for what it holds:

- ``paths``       where the data lives, and the record of which files were read
- ``errors``      the one-line input error (file, line, column, message)
- ``numerals``    Chinese numerals (十二, 两, 三大 ...) to integers
- ``intervals``   exact interval arithmetic for approximate figures (余, 多, 超过 ...)
- ``ledger``      loading and validating the source, figures, rates, constraints, events
- ``verdict``     recomputation, half-up rounding and the verdict rule (scalar)
- ``constraints`` cross-claim checks (parts <= totals, enumerations)
- ``census``      every number in the source and the ledger row or exclusion that covers it
- ``report``      the tables and objects the CLI and the book show
- ``labels``      what the charts call places and ledger rows (``places.csv``, ``labels.csv``)
- ``plots``       the house chart style and every chart in the book, with its data
- ``sphinx_chart`` a chart in the book: full-size link, alt text, source line, CSV (myst-nb plugin)
- ``cli``         ``python -m recount check``
- ``build``       ``make book``: execute the notebooks (cached), then Jupyter Book renders them
"""

__version__ = "0.1.0"
