"""Wall time, CPU time and peak memory of a command and every process it starts.

`resource.getrusage(RUSAGE_CHILDREN)` adds up the CPU time of all finished descendants, but it
belongs to the whole calling process: to measure one command among several, it runs inside a
small helper process of its own (`python -m portal.bench.measure -- COMMAND...`), which reports
its children's usage as JSON on its last line of output."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Measurement:
    wall: float
    cpu: float
    """User plus system time of the command and all its descendants, in seconds."""
    peak_rss_mb: float
    """Largest resident set of any one of its processes (processes running at once add up)."""
    load_average: float
    """The machine's one-minute load average when the command started (other work running)."""
    returncode: int
    output: str


def measure(command: list[str], *, cwd=None, env=None) -> Measurement:
    helper = [sys.executable, "-m", "portal.bench.measure", "--", *command]
    load = os.getloadavg()[0]
    result = subprocess.run(helper, cwd=cwd, env=env, capture_output=True, text=True)
    lines = result.stdout.rstrip().splitlines()
    try:
        usage = json.loads(lines[-1])
    except (IndexError, ValueError):
        raise RuntimeError(f"the measuring helper failed:\n{result.stdout}\n{result.stderr}") from None
    output = "\n".join(lines[:-1]) + result.stderr
    return Measurement(usage["wall"], usage["cpu"], usage["maxrss_kb"] / 1024, load, usage["returncode"], output)


def _main(argv: list[str]) -> int:
    if not argv or argv[0] != "--" or len(argv) < 2:
        print("usage: python -m portal.bench.measure -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    started = time.perf_counter()
    completed = subprocess.run(argv[1:], stdout=sys.stderr)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "maxrss_kb": usage.ru_maxrss,
                      "returncode": completed.returncode}))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
