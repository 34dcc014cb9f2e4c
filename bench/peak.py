"""Run a command and print its peak resident memory (KiB) and exit code on stderr's last line.

Measured from this small process, not from a large one (pytest, a benchmark that has imported
WeasyPrint): a forked child starts out sharing its parent's pages, which would count as its own.
Usage: python bench/peak.py COMMAND [ARGS...]
"""

import os
import subprocess
import sys

process = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(process.pid, 0)
print(f"peak {usage.ru_maxrss} exit {os.waitstatus_to_exitcode(status)}", file=sys.stderr)
