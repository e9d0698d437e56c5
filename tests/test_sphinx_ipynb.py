"""The downloadable notebook is stable: random cell ids become ``cell-<n>``, nothing else changes."""

import json

from recount.sphinx.ipynb import stable_notebook


def test_cell_ids_become_stable_and_content_is_kept():
    nb = {"cells": [{"cell_type": "markdown", "id": "f39a4428", "metadata": {}, "source": "# 标题"},
                    {"cell_type": "code", "id": "8e3e895d", "metadata": {}, "source": "1 + 1",
                     "outputs": [], "execution_count": 1}],
          "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    out = stable_notebook(json.dumps(nb))
    again = stable_notebook(json.dumps({**nb, "cells": [{**c, "id": "x"} for c in nb["cells"]]}))
    assert out == again
    data = json.loads(out)
    assert [c["id"] for c in data["cells"]] == ["cell-0", "cell-1"]
    assert data["cells"][0]["source"] == "# 标题" and "标题" in out  # UTF-8, not \\u escapes
    assert {k: v for k, v in data.items() if k != "cells"} == {k: v for k, v in nb.items() if k != "cells"}
