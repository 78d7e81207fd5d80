#!/usr/bin/env python3
"""Independent readers for tests/cli/test_import.sh: the figures of a
source file and of a dataset, each as lines "indicator|entity|year|value"
(the value as Python's repr of the double), and a checker of Frictionless
Tabular Data Packages against the Data Package and Table Schema specs
(version 1). Python's csv and json modules only: nothing shared with the
program."""
import csv
import json
import os
import re
import sys


def figure(text):
    return repr(float(text))


def wdi(path):
    """The World Bank's CSV, API download (preamble, trailing comma) or bulk."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    start = next(i for i, r in enumerate(rows)
                 if r[:4] == ["Country Name", "Country Code", "Indicator Name",
                              "Indicator Code"])
    header = rows[start]
    for r in rows[start + 1:]:
        if not r:
            continue
        for i in range(4, len(header)):
            if header[i] and r[i] not in ("", ".."):
                print("|".join([r[3], r[1], header[i], figure(r[i])]))


def owid(path, *ids):
    """Our World in Data's CSV; ids name the value columns in order."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    for r in rows[1:]:
        year = int(r[2])
        if not -9999 <= year <= 9999:
            continue
        code = r[1] or r[0]
        for k, v in enumerate(r[3:]):
            if v != "":
                print("|".join([ids[k], code, str(year), figure(v)]))


def observations(path):
    """A dataset's observations file (every reading)."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            print("|".join([r["indicator"], r.get("entity", ""), r["year"],
                            figure(r["value"])]))


def table(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


NAME = re.compile(r"^([-a-z0-9._/])+$")
TYPES = {"string", "number", "integer", "boolean", "object", "array", "date",
         "time", "datetime", "year", "yearmonth", "duration", "geopoint",
         "geojson", "any"}


def check_value(field, text, where, errors):
    c = field.get("constraints", {})
    kind = field["type"]
    if text == "" and c.get("required"):
        errors.append("%s: required %s is empty" % (where, field["name"]))
        return
    try:
        if kind == "integer":
            v = int(text)
            if "minimum" in c and v < c["minimum"]:
                errors.append("%s: %s below its minimum" % (where, text))
            if "maximum" in c and v > c["maximum"]:
                errors.append("%s: %s above its maximum" % (where, text))
        elif kind == "number":
            float(text)
    except ValueError:
        errors.append("%s: '%s' is not of type %s" % (where, text, kind))
    if "enum" in c and text not in c["enum"]:
        errors.append("%s: '%s' not in %s" % (where, text, c["enum"]))
    if "pattern" in c and not re.fullmatch(c["pattern"], text):
        errors.append("%s: '%s' does not match %s" % (where, text,
                                                       c["pattern"]))


def datapackage(folder):
    """Check datapackage.json and its CSV files; print the problems."""
    errors = []
    with open(os.path.join(folder, "datapackage.json"), encoding="utf-8") as f:
        pkg = json.load(f)
    if pkg.get("profile") != "tabular-data-package":
        errors.append("profile is not tabular-data-package")
    if not NAME.match(pkg.get("name", "")):
        errors.append("package name %r breaks the name pattern" %
                      pkg.get("name"))
    for s in pkg.get("sources", []):
        if not s.get("title"):
            errors.append("a source without a title")
    names = [r["name"] for r in pkg["resources"]]
    data = {}
    for r in pkg["resources"]:
        for key in ("name", "path", "schema", "profile"):
            if key not in r:
                errors.append("resource %s lacks %s" % (r.get("name"), key))
        if r.get("profile") != "tabular-data-resource":
            errors.append("resource %s: profile" % r["name"])
        if not NAME.match(r["name"]):
            errors.append("resource name %r" % r["name"])
        fields = r["schema"]["fields"]
        for fd in fields:
            if fd["type"] not in TYPES:
                errors.append("%s.%s: type %s" % (r["name"], fd["name"],
                                                  fd["type"]))
        rows = table(os.path.join(folder, r["path"]))
        data[r["name"]] = rows
        with open(os.path.join(folder, r["path"]), encoding="utf-8") as f:
            header = next(csv.reader(f))
        if header != [fd["name"] for fd in fields]:
            errors.append("%s: header %s is not the schema's fields" %
                          (r["path"], header))
        for n, row in enumerate(rows, start=2):
            for fd in fields:
                check_value(fd, row[fd["name"]], "%s:%d" % (r["path"], n),
                            errors)
        for fd in fields:
            if fd.get("constraints", {}).get("unique"):
                values = [row[fd["name"]] for row in rows]
                if len(values) != len(set(values)):
                    errors.append("%s: %s is not unique" % (r["path"],
                                                            fd["name"]))
        pk = r["schema"].get("primaryKey")
        if pk:
            pk = [pk] if isinstance(pk, str) else pk
            keys = [tuple(row[k] for k in pk) for row in rows]
            if len(keys) != len(set(keys)):
                errors.append("%s: the primary key %s repeats" % (r["path"],
                                                                   pk))
    for r in pkg["resources"]:
        for fk in r["schema"].get("foreignKeys", []):
            ref = fk["reference"]
            if ref["resource"] not in names:
                errors.append("%s: foreign key to unknown %s" %
                              (r["name"], ref["resource"]))
                continue
            there = {tuple(row[k] for k in ref["fields"])
                     for row in data[ref["resource"]]}
            for row in data[r["name"]]:
                if tuple(row[k] for k in fk["fields"]) not in there:
                    errors.append("%s: %s not in %s" % (
                        r["name"], [row[k] for k in fk["fields"]],
                        ref["resource"]))
                    break
    for e in errors:
        print(e)
    print("rows:", " ".join("%s=%d" % (k, len(v)) for k, v in data.items()))
    return 1 if errors else 0


if __name__ == "__main__":
    what, args = sys.argv[1], sys.argv[2:]
    if what == "wdi":
        wdi(*args)
    elif what == "owid":
        owid(*args)
    elif what == "obs":
        observations(*args)
    elif what == "datapackage":
        sys.exit(datapackage(*args))
    else:
        sys.exit("unknown check %s" % what)
