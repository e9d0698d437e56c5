"""datapackage.json describes the CSVs, and frictionless holds them to it."""

import csv
import json

from frictionless import Package

from recount import paths


def _validate(base):
    return Package(str(paths.datapackage_path(base)), basepath=str(base)).validate()


def test_data_package_is_valid(hotline_dir):
    for base in (paths.DATA_DIR, hotline_dir):
        report = _validate(base)
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_schema_fields_match_the_csv_headers():
    pkg = json.loads(paths.datapackage_path().read_text(encoding="utf-8"))
    for res in pkg["resources"]:
        header = next(csv.reader((paths.DATA_DIR / res["path"]).open(encoding="utf-8")))
        assert header == [f["name"] for f in res["schema"]["fields"]], res["name"]


def test_frictionless_reports_a_bad_cell_with_row_and_field(hotline_dir):
    f = hotline_dir / paths.FIGURES_NAME
    f.write_text(f.read_text(encoding="utf-8").replace("共受理来电12000件,12000,件", "共受理来电12000件,-12000,件"),
                 encoding="utf-8")
    report = _validate(hotline_dir)
    assert not report.valid
    errors = report.flatten(["rowNumber", "fieldName", "type"])
    assert [e[1:] for e in errors] == [["value", "constraint-error"]]


def test_frictionless_checks_the_foreign_key_from_rates_to_figures(hotline_dir):
    r = hotline_dir / paths.RATES_NAME
    r.write_text(r.read_text(encoding="utf-8").replace(",west_share,", ",west_shar,"), encoding="utf-8")
    report = _validate(hotline_dir)
    assert not report.valid
    assert any(e[2] == "foreign-key" for e in report.flatten(["rowNumber", "fieldName", "type"]))
