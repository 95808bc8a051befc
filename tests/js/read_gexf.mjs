// Parse a GEXF file with graphology-gexf (the parser behind Gephi Lite) and print the graph as JSON:
//   node tests/js/read_gexf.mjs FILE
// Output: {"attributes": {...}, "type": ..., "multi": ..., "nodes": [{key, attributes}], "edges": [{key, source, target, attributes}]}
import { readFileSync } from "node:fs";
import Graph from "graphology";
import gexf from "graphology-gexf";

const [file] = process.argv.slice(2);
if (!file) {
  console.error("usage: node read_gexf.mjs FILE.gexf");
  process.exit(2);
}
const graph = gexf.parse(Graph, readFileSync(file, "utf8"));
const result = {
  attributes: graph.getAttributes(),
  type: graph.type,
  multi: graph.multi,
  nodes: graph.mapNodes((key, attributes) => ({ key, attributes })),
  edges: graph.mapEdges((key, attributes, source, target) => ({ key, source, target, attributes })),
};
process.stdout.write(JSON.stringify(result));
