"""The seed gold set as a quality floor: the shared scorer on the seed build."""
import json
import subprocess
import sys

import pytest
from pyoxigraph import QueryResultsFormat

from kg import queries

from .conftest import SHARED

SCORER = SHARED / "tools" / "score_statements.py"


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/tools is not beside this checkout")
def test_seed_extraction_meets_the_targets(seed_store, tmp_path):
    results = seed_store.query(queries.get("statements").sparql)
    path = tmp_path / "statements.json"
    path.write_bytes(results.serialize(format=QueryResultsFormat.JSON))
    out = subprocess.run([sys.executable, str(SCORER), "--gold", str(SHARED / "gold"), "--results", str(path), "--json"],
                         capture_output=True, text=True, check=True)
    total = json.loads(out.stdout)["total"]
    assert total["precision"] >= 0.85, total
    assert total["recall"] >= 0.85, total
    assert total["stance_accuracy"] >= 0.80, total
