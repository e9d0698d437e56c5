"""The build: ``build`` executes the book's notebooks before Sphinx (``python -m recount.sphinx.build``),
and the Sphinx extensions render them: ``executed`` (pages read from their executed copies),
``ipynb`` (the notebooks offered for download), ``files`` (claimreview.json and the root page),
``search`` (Chinese words and numbers in the search index), ``static`` (book/_static copied),
``cards`` (link-preview tags and image), ``chart`` (chart images that open at full size)."""
