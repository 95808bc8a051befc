"""Hostile RDF input: entity bombs in RDF/XML and remote JSON-LD contexts (issue 11, cases 2 and 11).

Every command that reads RDF files refuses them with a message naming the file, before
any parser expands an entity or fetches a context; the memory of each run is capped
(``ulimit -v``) so that a regression fails the test instead of the machine.
"""

from __future__ import annotations

import http.server
import json
import resource
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from hostile_corpus import kgraph_script
from kgraph.errors import InputError
from kgraph.query import load_store
from kgraph.rdf.files import load_rdf

#: Nine levels of ten references: 10**9 copies of "lol" once expanded (1 KB on disk).
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="https://w3id.org/kgraph/entity/x"><rdfs:label>&lol9;</rdfs:label></rdf:Description>
</rdf:RDF>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="https://w3id.org/kgraph/entity/x"><rdfs:label>&secret;</rdfs:label></rdf:Description>
</rdf:RDF>
"""
PLAIN_XML = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
  <rdf:Description rdf:about="https://w3id.org/kgraph/entity/x"><rdfs:label>x</rdfs:label></rdf:Description>
</rdf:RDF>
"""
MEMORY_LIMIT = 2 * 1024**3


def limited(args: list[str], timeout: float = 120) -> subprocess.CompletedProcess:
    """Run ``kgraph ARGS`` with at most 2 GiB of address space."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    return subprocess.run(kgraph_script() + args, capture_output=True, text=True, timeout=timeout, preexec_fn=cap)


@pytest.fixture
def bomb(tmp_path) -> Path:
    path = tmp_path / "bomb.rdf"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    return path


@pytest.fixture
def context_server() -> Iterator[tuple[str, list[str]]]:
    """A loopback server serving a JSON-LD context: (its URL, requests seen)."""
    hits: list[str] = []

    class Context(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            hits.append(self.path)
            body = json.dumps({"@context": {"label": "http://www.w3.org/2000/01/rdf-schema#label"}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Context)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/context.jsonld", hits
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("command", [
    ["query", "-e", "SELECT * { ?s ?p ?o }"],
    ["members", "CSTO"],
    ["validate"],
    ["query", "--infer", "-e", "SELECT * { ?s ?p ?o }"],
    ["serve", "--port", "1"],
    ["push", "--endpoint", "http://127.0.0.1:9/store"],
    ["viz", "-o", "OUT/g.html"],
], ids=["query", "members", "validate", "infer", "serve", "push", "viz"])
def test_billion_laughs_refused_by_every_command(bomb, tmp_path, command):
    args = [arg.replace("OUT", str(tmp_path)) for arg in command]
    position = 2 if command[0] == "members" else 1
    run = limited(args[:position] + [str(bomb)] + args[position:])
    assert run.returncode == 1, run.stderr
    assert f"{bomb}: refused: the DOCTYPE declares the entity 'lol'" in run.stderr
    assert not (tmp_path / "g.html").exists()


def test_external_entity_refused(tmp_path):
    path = tmp_path / "secret.owl"
    path.write_text(EXTERNAL_ENTITY, encoding="utf-8")
    with pytest.raises(InputError, match="secret.owl: refused: the DOCTYPE declares the entity 'secret'"):
        load_store(path)
    with pytest.raises(InputError, match="refused"):
        load_rdf(path)


def test_rdf_xml_without_doctype_still_read(tmp_path):
    path = tmp_path / "plain.rdf"
    path.write_text(PLAIN_XML, encoding="utf-8")
    assert len(load_store(path)) == 1 and len(load_rdf(path)) == 1


@pytest.mark.parametrize("shape", ["string", "list", "nested", "import"])
def test_remote_jsonld_context_refused_without_a_request(tmp_path, context_server, shape):
    url, hits = context_server
    node = {"@id": "https://w3id.org/kgraph/entity/x", "label": "x"}
    document = {
        "string": {"@context": url, **node},
        "list": {"@context": [{"rdfs": "http://www.w3.org/2000/01/rdf-schema#"}, url], **node},
        "nested": {"@context": {"label": "http://www.w3.org/2000/01/rdf-schema#label"},
                   "@graph": [{"@context": url, **node}]},
        "import": {"@context": {"@version": 1.1, "@import": url}, **node},
    }[shape]
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps(document), encoding="utf-8")
    run = limited(["validate", str(path)])
    assert run.returncode == 1 and f"{path}: refused:" in run.stderr and url in run.stderr, run.stderr
    run = limited(["query", "--infer", str(path), "-e", "SELECT * { ?s ?p ?o }"])
    assert run.returncode == 1 and "is loaded from the network" in run.stderr
    with pytest.raises(InputError, match="inline contexts only"):
        load_store(path)
    assert hits == []


def test_inline_jsonld_context_still_read(tmp_path):
    path = tmp_path / "inline.jsonld"
    path.write_text(json.dumps({"@context": {"label": "http://www.w3.org/2000/01/rdf-schema#label"},
                                "@id": "https://w3id.org/kgraph/entity/x", "label": "x"}), encoding="utf-8")
    assert len(load_rdf(path)) == 1 and len(load_store(path)) == 1
