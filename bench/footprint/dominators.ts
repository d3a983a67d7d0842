// Retained sizes in a V8 heap snapshot: the dominator tree (Cooper, Harvey and Kennedy's iterative
// algorithm) over strong edges from the root, then each node's size summed up that tree.
type Snapshot = {
  snapshot: { meta: { node_fields: string[]; edge_fields: string[]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
};

export function dominators(snapshot: Snapshot) {
  const meta = snapshot.snapshot.meta;
  const { nodes, edges, strings } = snapshot;
  const fields = {
    count: meta.node_fields.length,
    type: meta.node_fields.indexOf('type'),
    name: meta.node_fields.indexOf('name'),
    size: meta.node_fields.indexOf('self_size'),
    edgeCount: meta.node_fields.indexOf('edge_count'),
  };
  const edgeCount = meta.edge_fields.length;
  const edgeType = meta.edge_fields.indexOf('type');
  const edgeTo = meta.edge_fields.indexOf('to_node');
  const weak = meta.edge_types[0].indexOf('weak');
  const n = nodes.length / fields.count;

  const firstEdge = new Uint32Array(n + 1);
  for (let i = 0; i < n; i += 1) firstEdge[i + 1] = firstEdge[i]! + nodes[i * fields.count + fields.edgeCount]! * edgeCount;
  const successors = (i: number, visit: (to: number) => void) => {
    for (let e = firstEdge[i]!; e < firstEdge[i + 1]!; e += edgeCount) {
      if (edges[e + edgeType] !== weak) visit(edges[e + edgeTo]! / fields.count);
    }
  };

  // Post-order numbering from the root, iteratively (the graph is far too deep for recursion).
  const order = new Int32Array(n).fill(-1);
  const postorder: number[] = [];
  const seen = new Uint8Array(n);
  const stack: number[] = [0];
  const cursor = new Uint32Array(n);
  seen[0] = 1;
  for (let i = 0; i < n; i += 1) cursor[i] = firstEdge[i]!;
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    let pushed = false;
    while (cursor[top]! < firstEdge[top + 1]!) {
      const e = cursor[top]!;
      cursor[top] = e + edgeCount;
      const to = edges[e + edgeTo]! / fields.count;
      if (edges[e + edgeType] === weak || seen[to]) continue;
      seen[to] = 1;
      stack.push(to);
      pushed = true;
      break;
    }
    if (!pushed) {
      order[top] = postorder.length;
      postorder.push(stack.pop()!);
    }
  }

  const predecessors: number[][] = Array.from({ length: n }, () => []);
  for (const i of postorder) successors(i, (to) => predecessors[to]!.push(i));
  const idom = new Int32Array(n).fill(-1);
  idom[0] = 0;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (order[a]! < order[b]!) a = idom[a]!;
      while (order[b]! < order[a]!) b = idom[b]!;
    }
    return a;
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (let k = postorder.length - 2; k >= 0; k -= 1) {
      const i = postorder[k]!;
      let dom = -1;
      for (const p of predecessors[i]!) if (idom[p] !== -1) dom = dom === -1 ? p : intersect(p, dom);
      if (dom !== -1 && idom[i] !== dom) {
        idom[i] = dom;
        changed = true;
      }
    }
  }

  const retained = new Float64Array(n);
  for (const i of postorder) retained[i] = retained[i]! + nodes[i * fields.count + fields.size]!;
  for (const i of postorder) if (i !== 0) retained[idom[i]!] = retained[idom[i]!]! + retained[i]!;
  return { nodes, strings, retained, idom, fields };
}
