#!/usr/bin/env bash
# Set up everything the test suite needs, then run it. README's test command and .ci/run call this.
#   1. a virtual environment .venv with kgraph and its test extras
#   2. system tools some tests drive, installed when missing and when we may (root + apt-get)
#   3. the JavaScript packages of the GEXF consumer test (tests/js): Node.js and npm are required
#   4. pytest
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/pip install -q -e ".[test]"

# -- system packages ----------------------------------------------------------------------
# rapper (Debian raptor2-utils): a third, independent RDF parser in tests/export/test_rdf_parsers.py
if ! command -v rapper >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q raptor2-utils
    fi
fi
if ! command -v rapper >/dev/null; then
    echo "error: the RDF parser tests need rapper; install it (Debian: apt-get install raptor2-utils)" >&2
    exit 1
fi
# curl: tests/test_serve.py queries the `kgraph serve` endpoint with it, as the README shows
if ! command -v curl >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q curl
    fi
fi
if ! command -v curl >/dev/null; then
    echo "error: the SPARQL endpoint tests need curl; install it (Debian: apt-get install curl)" >&2
    exit 1
fi
# chromium (and chromium-driver): tests/viz/test_html_view.py renders the HTML view headless
if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver
    fi
fi
if [ ! -x /usr/bin/chromium ] && [ -z "${KGRAPH_CHROMIUM:-}" ]; then
    echo "error: the HTML view tests need Chromium; install it (Debian: apt-get install chromium) or set KGRAPH_CHROMIUM" >&2
    exit 1
fi

# -- JavaScript test packages (graphology-gexf reads our GEXF in tests/export/test_gexf.py) --
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
    fi
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "error: the GEXF consumer tests need Node.js and npm; install them (Debian: apt-get install nodejs npm)" >&2
    exit 1
fi
npm ci --prefix tests/js --no-audit --no-fund --loglevel=error

.venv/bin/python -m pytest "$@"
