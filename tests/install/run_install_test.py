#!/usr/bin/env python3
"""Installs sqlc into a temporary prefix, moves the prefix elsewhere (the install must be
relocatable), and compiles and runs an example with the installed sqlc.

Usage: run_install_test.py --build BUILD_DIR --repo REPO_DIR
Checks: the installed sqlc finds its runtime next to itself (never the build tree), uses the
precompiled prelude installed with it, skips that prelude once a header is newer than it
(a stale .gch must not be used) and still builds; the job's rows equal those of the job built
by the build tree's sqlc. python3 stdlib only; prints `N passed, N failed`.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)
    if p.returncode != 0:
        raise AssertionError("%s exited %d\nstdout:\n%s\nstderr:\n%s" % (" ".join(cmd), p.returncode, p.stdout, p.stderr))
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--repo", required=True)
    a = ap.parse_args()
    build, repo = os.path.abspath(a.build), os.path.abspath(a.repo)
    tmp = tempfile.mkdtemp(prefix="sqlc-install-")
    try:
        env = dict(os.environ, SQLC_CACHE_DIR=os.path.join(tmp, "cache"))
        env.pop("CXX", None)
        env.pop("SQLC_RUNTIME_DIR", None)
        run(["cmake", "--install", build, "--prefix", os.path.join(tmp, "first")])
        prefix = os.path.join(tmp, "moved")
        os.rename(os.path.join(tmp, "first"), prefix)
        for f in ("bin/sqlc", "lib/libsqlc_runtime.a", "lib/sqlc_runtime_link.txt", "include/sqlc/runtime/job_context.h",
                  "lib/sqlc/pch/job_prelude.h", "lib/sqlc/pch/job_prelude.h.gch"):
            assert os.path.exists(os.path.join(prefix, f)), "not installed: " + f
        with open(os.path.join(prefix, "lib/sqlc_runtime_link.txt")) as f:
            assert build not in f.read(), "the link flags name the build tree"

        sqlc = os.path.join(prefix, "bin", "sqlc")
        sql = os.path.join(repo, "examples/monitoring/q1_requests_per_minute.sql")
        data = os.path.join(repo, "examples/monitoring/llm_requests.jsonl")
        p = run([sqlc, sql, "-o", "installed_job", "--verbose"], cwd=tmp, env=env)
        assert "sqlc: runtime: install prefix " + prefix + "\n" in p.stderr, p.stderr
        assert "precompiled prelude not used" not in p.stderr, p.stderr
        rows = run(["./installed_job", "--input", data, "--dead-letter", "/dev/null"], cwd=tmp).stdout

        run([os.path.join(build, "compiler", "sqlc"), sql, "-o", "build_tree_job", "--no-cache"], cwd=tmp, env=env)
        expected = run(["./build_tree_job", "--input", data, "--dead-letter", "/dev/null"], cwd=tmp).stdout
        assert rows == expected and rows.count("\n") > 100, "installed job rows differ from the build tree's"

        # A header newer than the .gch: the prelude is stale, so it is not used, and the build works.
        os.utime(os.path.join(prefix, "include/sqlc/runtime/ops.h"))
        p = run([sqlc, sql, "-o", "stale_pch_job", "--verbose"], cwd=tmp, env=env)
        assert "precompiled prelude not used: " in p.stderr and "is older than" in p.stderr, p.stderr
        assert run(["./stale_pch_job", "--input", data, "--dead-letter", "/dev/null"], cwd=tmp).stdout == expected
    except AssertionError as e:
        print("FAIL install.example\n%s" % e, file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("PASS install.example\n1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
