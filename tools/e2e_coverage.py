#!/usr/bin/env python3
"""Lists the built-in functions and SQL types that no end-to-end case uses.

Functions come from docs/reference/functions.md (generated from the compiler's function registry,
checked against it by tests/unit/compiler), types from the table of docs/sql/types.md. A function
counts as used when its name followed by `(` appears in the `--- sql` section of a case in
tests/e2e/cases; a type when its name appears there as a word. Exit status 1 when something is
unused, so the list can gate a change.

    python3 tools/e2e_coverage.py [--repo DIR]
"""
import argparse
import pathlib
import re
import sys


def registry_functions(repo):
    names = set()
    for line in (repo / "docs/reference/functions.md").read_text().splitlines():
        m = re.match(r"\| `([A-Z_][A-Z0-9_]*)", line)
        # Functions the registry lists only to refuse them have error goldens instead.
        if m and "not supported" not in line:
            names.add(m.group(1))
    return names


def sql_types(repo):
    names = set()
    for line in (repo / "docs/sql/types.md").read_text().splitlines():
        if not line.startswith("| `"):
            continue
        first_cell = line.split("|")[1]
        for t in re.findall(r"`([A-Z_]+)", first_cell):
            names.add(t)
    return names


def case_sql(repo):
    texts = []
    for case in sorted((repo / "tests/e2e/cases").glob("*.test")):
        section, sql = None, []
        for line in case.read_text().splitlines():
            if line.startswith("--- "):
                section = line[4:].strip()
                continue
            if section == "sql":
                sql.append(line)
        texts.append("\n".join(sql).upper())
    return "\n".join(texts)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repo", default=pathlib.Path(__file__).resolve().parent.parent, type=pathlib.Path)
    args = parser.parse_args()
    sql = case_sql(args.repo)
    # Niladic functions (CURRENT_DATE, PI) are also written without parentheses.
    unused_functions = sorted(f for f in registry_functions(args.repo)
                              if not re.search(r"(?<![A-Z0-9_])" + f + r"\s*\(", sql) and
                              not re.search(r"(?<![A-Z0-9_.])" + f + r"(?![A-Z0-9_(])", sql))
    unused_types = sorted(t for t in sql_types(args.repo) if not re.search(r"(?<![A-Z0-9_])" + t + r"(?![A-Z0-9_])", sql))
    for f in unused_functions:
        print(f"function {f}: no e2e case")
    for t in unused_types:
        print(f"type {t}: no e2e case")
    if not unused_functions and not unused_types:
        print("every registry function and type has an e2e case")
    return 1 if unused_functions or unused_types else 0


if __name__ == "__main__":
    sys.exit(main())
