// kgraph viz: evidence panel, relation toggle, zoom and pan. Every text from the graph
// goes into the page through textContent, never as markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var svg = document.getElementById("graph");
  var viewport = document.getElementById("viewport");
  var title = document.getElementById("panel-title");
  var hint = document.getElementById("panel-hint");
  var body = document.getElementById("panel-body");

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function number(value) {
    return typeof value === "number" ? value.toFixed(2) : "?";
  }

  function facts(pairs) {
    var list = el("dl");
    pairs.forEach(function (pair) {
      if (pair[1] === null || pair[1] === undefined || pair[1] === "") { return; }
      list.appendChild(el("dt", null, pair[0]));
      list.appendChild(el("dd", null, pair[1]));
    });
    return list;
  }

  function evidenceList(items) {
    var list = el("ol", "evidence");
    items.forEach(function (item) {
      var entry = el("li");
      entry.appendChild(el("blockquote", "sentence", item.sentence));
      var meta = [item.doc_id, item.date || "undated", item.rule, "confidence " + number(item.confidence)];
      entry.appendChild(el("p", "meta", meta.join(" \u00b7 ")));
      list.appendChild(entry);
    });
    if (!items.length) { list.appendChild(el("li", null, "no evidence recorded")); }
    return list;
  }

  function relationText(edge) {
    var name = edge.status === "asserted" ? edge.predicate : edge.predicate + " (" + edge.status + ")";
    return data.nodes[edge.source].label + " \u2192 " + name + " \u2192 " + data.nodes[edge.target].label;
  }

  // heading: the tag of the relation's heading in a node's panel; none in an edge's own
  // panel, whose title already names the relation
  function describeEdge(edge, heading) {
    var section = el("section", "relation");
    if (heading) { section.appendChild(el(heading, null, relationText(edge))); }
    section.appendChild(facts([["status", edge.status], ["confidence", number(edge.confidence)],
                               ["evidence", String(edge.evidence.length)]]));
    section.appendChild(evidenceList(edge.evidence));
    return section;
  }

  function select(element) {
    Array.prototype.forEach.call(svg.querySelectorAll(".selected"), function (item) {
      item.classList.remove("selected");
    });
    if (element) { element.classList.add("selected"); }
  }

  function open(kind, index) {
    body.textContent = "";
    hint.hidden = true;
    document.body.setAttribute("data-selected", kind + "=" + index);
    if (kind === "edge") {
      var edge = data.edges[index];
      title.textContent = relationText(edge);
      body.appendChild(describeEdge(edge, null));
    } else {
      var node = data.nodes[index];
      title.textContent = node.label;
      body.appendChild(facts([["type", node.type], ["Wikidata", node.wikidata], ["mentions", String(node.mentions)],
                              ["aliases", node.aliases.join(", ")], ["IRI", node.id]]));
      data.edges.forEach(function (edge) {
        if (edge.source === index || edge.target === index) { body.appendChild(describeEdge(edge, "h3")); }
      });
    }
    select(svg.querySelector("[data-" + kind + "='" + index + "']"));
  }

  function target(event) {
    var item = event.target.closest ? event.target.closest("[data-node],[data-edge]") : null;
    if (!item) { return null; }
    return item.hasAttribute("data-node") ? ["node", Number(item.getAttribute("data-node"))]
                                          : ["edge", Number(item.getAttribute("data-edge"))];
  }

  var dragged = false;
  svg.addEventListener("click", function (event) {
    var found = target(event);
    if (found && !dragged) { open(found[0], found[1]); }
  });
  svg.addEventListener("keydown", function (event) {
    var found = target(event);
    if (found && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); open(found[0], found[1]); }
  });

  var toggle = document.getElementById("show-other");
  function applyToggle() { document.body.classList.toggle("hide-other", !toggle.checked); }
  toggle.addEventListener("change", applyToggle);
  applyToggle();

  // Zoom with the wheel, pan by dragging the background.
  var scale = 1, dx = 0, dy = 0, start = null;
  function transform() { viewport.setAttribute("transform", "translate(" + dx + " " + dy + ") scale(" + scale + ")"); }
  function svgPoint(event) {
    var box = svg.getBoundingClientRect(), view = svg.viewBox.baseVal;
    var ratio = Math.max(view.width / box.width, view.height / box.height);
    return [(event.clientX - box.left) * ratio, (event.clientY - box.top) * ratio];
  }
  svg.addEventListener("wheel", function (event) {
    event.preventDefault();
    var point = svgPoint(event), factor = event.deltaY < 0 ? 1.15 : 1 / 1.15;
    var next = Math.min(8, Math.max(0.25, scale * factor));
    dx = point[0] - (point[0] - dx) * (next / scale);
    dy = point[1] - (point[1] - dy) * (next / scale);
    scale = next;
    transform();
  }, { passive: false });
  svg.addEventListener("mousedown", function (event) {
    start = [event.clientX, event.clientY, dx, dy];
    dragged = false;
  });
  window.addEventListener("mousemove", function (event) {
    if (!start) { return; }
    var box = svg.getBoundingClientRect(), view = svg.viewBox.baseVal;
    var ratio = Math.max(view.width / box.width, view.height / box.height);
    var moveX = event.clientX - start[0], moveY = event.clientY - start[1];
    if (Math.abs(moveX) + Math.abs(moveY) > 3) { dragged = true; svg.classList.add("panning"); }
    dx = start[2] + moveX * ratio;
    dy = start[3] + moveY * ratio;
    transform();
  });
  window.addEventListener("mouseup", function () { start = null; svg.classList.remove("panning"); });

  // #node=N or #edge=N opens the panel on that item (links, and tests without clicks).
  var wanted = /^#(node|edge)=(\d+)$/.exec(window.location.hash);
  if (wanted) {
    var index = Number(wanted[2]);
    if (index < data[wanted[1] + "s"].length) { open(wanted[1], index); }
  }
  document.body.setAttribute("data-ready", "true");
}());
