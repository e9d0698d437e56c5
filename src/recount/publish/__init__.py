"""The publication layer: what turns the report into pages, charts and published files.

``render`` (HTML for the pages), ``plots`` (the charts, labelled from ``labels``), ``source_page``
(the article marked by verdict), ``claimreview`` (schema.org ClaimReview), ``card`` (the
link-preview image), ``schema`` (the Data page's tables), ``output`` (the committed output tier).
Nothing here decides a verdict: that is the domain's work (``recount.verdict`` and its peers).
"""

#: The key of a chart's output metadata, from the notebook (:class:`recount.publish.plots.Chart`) to
#: the book (:mod:`recount.sphinx.chart`); defined here so that the book's build reads it without
#: importing matplotlib.
CHART_METADATA = "application/vnd.recount.chart+json"
