// The tensors a recorded graph holds for backward, found by walking it: what `scope()` must keep for
// a returned tensor's backward, and for a graph kept with retainGraph.
import type { Tensor } from '@torchlet/tensor-core';
import type { Node } from './node.js';

/** Every tensor saved by `root` and the nodes it reaches. */
export function savedTensorsOfGraph(root: Node | null): Tensor[] {
  const out: Tensor[] = [];
  if (root === null) return out;
  const seen = new Set<Node>([root]);
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    out.push(...node.savedTensors());
    for (const e of node.next) {
      if (e !== null && !seen.has(e)) {
        seen.add(e);
        stack.push(e);
      }
    }
  }
  return out;
}
