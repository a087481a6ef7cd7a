"""Starts tools/kafka's mock broker for a test or benchmark script and waits until it listens.

The broker writes its address to a file once its topics exist. Creating them takes 0.06 s alone
but well over 10 s when several brokers start at once (parallel tests), so the wait is long and
says so at once if the broker exited instead.
"""
import os
import subprocess
import time

START_SECONDS = 60


def start(broker, address_file, topics=(), read_committed=False, stdout=subprocess.DEVNULL, stderr=None):
    """Runs `broker` with `topics` (NAME:PARTITIONS); returns (process, address)."""
    args = [broker]
    if read_committed:
        args.append("--read-committed")
    args += ["--address-file", address_file]
    for t in topics:
        args += ["--topic", t]
    proc = subprocess.Popen(args, stdout=stdout, stderr=stderr)
    deadline = time.time() + START_SECONDS
    while not (os.path.exists(address_file) and os.path.getsize(address_file) > 0):
        if proc.poll() is not None:
            raise AssertionError("the mock broker exited with %s before it listened" % proc.returncode)
        if time.time() > deadline:
            proc.kill()
            raise AssertionError("the mock broker did not listen within %d s" % START_SECONDS)
        time.sleep(0.05)
    with open(address_file) as f:
        return proc, f.read().strip()
