"""datapackage.json describes the CSVs, and frictionless holds them to it."""

import csv
import json

from frictionless import Package

from recount import paths


def _validate(base):
    return Package(str(paths.datapackage_path(base)), basepath=str(base)).validate()


def test_data_package_is_valid():
    report = _validate(paths.DATA_DIR)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_schema_fields_match_the_csv_headers():
    pkg = json.loads(paths.datapackage_path().read_text(encoding="utf-8"))
    for res in pkg["resources"]:
        header = next(csv.reader((paths.DATA_DIR / res["path"]).open(encoding="utf-8")))
        assert header == [f["name"] for f in res["schema"]["fields"]], res["name"]


def test_frictionless_reports_a_bad_cell_with_row_and_field(data_copy):
    f = data_copy / paths.FIGURES_NAME
    f.write_text(f.read_text(encoding="utf-8").replace("共有企业5852户,5852,户", "共有企业5852户,-5852,户"), encoding="utf-8")
    report = _validate(data_copy)
    assert not report.valid
    errors = report.flatten(["rowNumber", "fieldName", "type"])
    assert [e[1:] for e in errors] == [["value", "constraint-error"]]


def test_frictionless_checks_the_foreign_key_from_rates_to_figures(data_copy):
    r = data_copy / paths.RATES_NAME
    r.write_text(r.read_text(encoding="utf-8").replace(",lsw_rate,merchants", ",lsw_rat,merchants"), encoding="utf-8")
    report = _validate(data_copy)
    assert not report.valid
    assert any(e[2] == "foreign-key" for e in report.flatten(["rowNumber", "fieldName", "type"]))
