"""The interactive HTML view, rendered by a real headless Chromium."""

from __future__ import annotations

import json

import lxml.html
import pytest
from PIL import Image

from kgraph.export.palette import PALETTE
from kgraph.viz.browser import dump_dom, screenshot
from kgraph.viz.html import render_html, write_html

HOSTILE = {
    "https://w3id.org/kgraph/id/country/kazakhstan": '</script><script>alert(1)</script> & "Kazakhstan"',
    "https://w3id.org/kgraph/id/country/russia": "\"'><img src=x onerror=alert(2)> 🇷🇺 Россия",
    "https://w3id.org/kgraph/id/country/armenia": "\u202eארמניה\u2028Հայաստան <!-- x",
}
#: XPath of the elements of a tag with a class (the SVG is parsed as HTML, without namespaces).
_CLASS = "//{tag}[contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')]"


@pytest.fixture(scope="module")
def seed_page(seed_graph, tmp_path_factory):
    path = tmp_path_factory.mktemp("view") / "seed.html"
    write_html(seed_graph, path, title="CSTO in Kazakhstan")
    return path


@pytest.fixture(scope="module")
def hostile_page(seed_graph, tmp_path_factory):
    graph = seed_graph.copy()
    for node, label in HOSTILE.items():
        graph.nodes[node]["label"] = label
    for _, _, data in graph.edges(data=True):
        data["evidence"] = [{**item, "sentence": "<b>bold</b> \u2028 </script>"} for item in data["evidence"]]
    path = tmp_path_factory.mktemp("hostile") / "hostile.html"
    write_html(graph, path, title="<title>x</title>")
    return graph, path


def _dom(page, fragment=""):
    return lxml.html.fromstring(dump_dom(page, fragment=fragment))


def _index(page, selector, **attributes):
    """data-node / data-edge number of the first element of the static page with ``attributes``."""
    tree = lxml.html.parse(str(page))
    for element in tree.getroot().xpath(selector):
        if all(element.get(key) == value for key, value in attributes.items()):
            return element.get("data-node") if element.get("data-node") is not None else element.get("data-edge")
    raise AssertionError(f"no {selector} with {attributes}")


def test_html_view_shows_every_node_and_edge_in_chromium(seed_graph, seed_page):
    dom = _dom(seed_page)
    assert dom.body.get("data-ready") == "true"  # the script ran to its end
    labels = sorted(element.get("data-label") for element in dom.xpath(_CLASS.format(tag="g", cls="node")))
    assert labels == sorted(data["label"] for _, data in seed_graph.nodes(data=True))
    assert len(dom.xpath(_CLASS.format(tag="g", cls="edge"))) == seed_graph.number_of_edges()
    predicates = sorted(element.get("data-predicate") for element in dom.xpath(_CLASS.format(tag="g", cls="edge")))
    assert predicates == sorted(p for _, _, p in seed_graph.edges(data="predicate"))
    for machinery in ("panel", "panel-title", "panel-body", "show-other"):
        assert dom.xpath(f"//*[@id='{machinery}']"), machinery


def test_html_view_edge_panel_shows_the_evidence(seed_graph, seed_page):
    president = _index(seed_page, "//g[@data-edge]", **{"data-predicate": "presidentOf"})
    dom = _dom(seed_page, f"edge={president}")
    [(_, _, data)] = [e for e in seed_graph.edges(data=True) if e[2]["predicate"] == "presidentOf"]
    assert len(data["evidence"]) > 1  # the seed states Tokayev's office more than once
    assert dom.body.get("data-selected") == f"edge={president}"
    assert dom.xpath("//*[@id='panel-title']")[0].text_content() == "Kassym-Jomart Tokayev → presidentOf → Kazakhstan"
    panel = dom.xpath("//*[@id='panel']")[0].text_content()
    assert panel.count("Kassym-Jomart Tokayev → presidentOf → Kazakhstan") == 1  # the title only, no second heading
    shown = [q.text_content() for q in dom.xpath("//*[@id='panel-body']//blockquote[@class='sentence']")]
    assert shown == [item["sentence"] for item in data["evidence"]]
    metas = [p.text_content() for p in dom.xpath("//*[@id='panel-body']//p[@class='meta']")]
    for item, meta in zip(data["evidence"], metas, strict=True):
        assert item["doc_id"] in meta and item["rule"] in meta and f"{item['confidence']:.2f}" in meta
    assert "selected" in dom.xpath(f"//g[@data-edge='{president}']")[0].get("class")


def test_html_view_node_panel_lists_every_relation_of_the_node(seed_graph, seed_page):
    kazakhstan = _index(seed_page, "//g[@data-node]", **{"data-label": "Kazakhstan"})
    dom = _dom(seed_page, f"node={kazakhstan}")
    assert dom.xpath("//*[@id='panel-title']")[0].text_content() == "Kazakhstan"
    node = "https://w3id.org/kgraph/id/country/kazakhstan"
    assert len(dom.xpath("//*[@id='panel-body']//section[@class='relation']")) == seed_graph.degree(node)
    sentences = {q.text_content() for q in dom.xpath("//*[@id='panel-body']//blockquote[@class='sentence']")}
    expected = {item["sentence"] for _, _, d in seed_graph.in_edges(node, data=True) for item in d["evidence"]}
    assert expected and expected <= sentences


def test_html_view_is_self_contained(seed_page):
    tree = lxml.html.parse(str(seed_page)).getroot()
    assert not tree.xpath("//link|//iframe|//img|//object|//embed")
    assert all(script.get("src") is None for script in tree.xpath("//script"))
    linked = [element for element in tree.iter() if element.get("src") or element.get("href")]
    assert linked == []
    style = "".join(element.text_content() for element in tree.xpath("//style"))
    assert "url(" not in style and "@import" not in style and "@font-face" not in style


def test_html_view_screenshot_shows_the_coloured_graph(seed_page, tmp_path):
    shot = tmp_path / "shot.png"
    screenshot(seed_page, shot, width=1600, height=1200)
    with Image.open(shot) as image:
        assert image.format == "PNG" and image.size == (1600, 1200)
        colours = {rgb for _, rgb in image.convert("RGB").getcolors(maxcolors=1 << 20)}
    assert len(colours) > 50  # text, lines and nodes, not a blank page
    for kind in ("Country", "Alliance", "Person", "City"):
        rgb = tuple(int(PALETTE[kind][i:i + 2], 16) for i in (1, 3, 5))
        assert rgb in colours, kind


def test_html_view_escapes_hostile_labels_in_markup(hostile_page):
    graph, path = hostile_page
    page = path.read_text(encoding="utf-8")
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert "<img" not in page and "<b>" not in page and "<title>x" not in page
    assert "\u2028" not in page.split('id="kg-data">')[1].split("</script>")[0]
    tree = lxml.html.fromstring(page)
    data = json.loads(tree.get_element_by_id("kg-data").text)
    assert {n["label"] for n in data["nodes"]} == {d["label"] for _, d in graph.nodes(data=True)}
    labels = {element.get("data-label") for element in tree.xpath(_CLASS.format(tag="g", cls="node"))}
    assert set(HOSTILE.values()) <= labels


def test_html_view_escapes_hostile_labels_in_the_browser(hostile_page):
    graph, path = hostile_page
    russia = _index(path, "//g[@data-node]", **{"data-id": "https://w3id.org/kgraph/id/country/russia"})
    dom = _dom(path, f"node={russia}")
    assert dom.body.get("data-ready") == "true"
    assert len(dom.xpath("//script")) == 2 and not dom.xpath("//img|//b")
    assert dom.xpath("//*[@id='panel-title']")[0].text_content() == HOSTILE["https://w3id.org/kgraph/id/country/russia"]
    sentences = {q.text_content() for q in dom.xpath("//*[@id='panel-body']//blockquote[@class='sentence']")}
    assert sentences == {"<b>bold</b> \u2028 </script>"}


def test_render_html_is_deterministic(seed_graph):
    assert render_html(seed_graph) == render_html(seed_graph.copy())
