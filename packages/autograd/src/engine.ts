// The backward engine: topological order over the recorded graph, gradient buffers per node,
// hooks, accumulation into leaves (backward) or capture for the requested inputs (grad).
import { ShapeError, TorchletError, add, clone, keep, onesLike, type BackwardOptions, type Tensor } from '@torchlet/tensor-core';
import { coreOps as raw, formatShape, inScope, isTensor } from '@torchlet/tensor-core/internal';
import { setGradEnabled } from './grad-mode.js';
import { accumulateNode, gradFnOf, requiresGradOf } from './history.js';
import { meta } from './meta.js';
import { AccumulateGrad, type Node } from './node.js';
import { isSummableTo, sameShape, sumToShape } from './util.js';
import { duringBackward, takeDonated, undonate } from './donation.js';

/**
 * Options of `grad`: the output gradients, and the `backward` options (`retainGraph`, `createGraph`) plus `allowUnused`.
 *
 * @pytorch the keyword arguments of torch.autograd.grad (grad_outputs, retain_graph, create_graph, allow_unused)
 * @example
 * ```ts
 * const x = randn([3], { requiresGrad: true });
 * const options: GradOptions = { gradOutputs: [randn([3])], allowUnused: true };
 * const [dx] = grad([x.mul(x)], [x], options);
 * ```
 */
export interface GradOptions extends BackwardOptions {
  /** The gradient of each output ("vector" of the vector-Jacobian product); ones for one-element outputs. */
  gradOutputs?: Tensor | readonly (Tensor | null | undefined)[];
  /** Return null for inputs the outputs do not depend on instead of throwing. */
  allowUnused?: boolean;
}

interface Root {
  node: Node;
  grad: Tensor;
}

interface Capture {
  /** input index by node; a node may be the target of several inputs. */
  targets: Map<Node, number[]>;
  grads: (Tensor | null)[];
}

/**
 * Accumulate d(sum of outputs * gradients)/d(leaf) into every leaf's `grad` (Tensor.backward).
 *
 * @pytorch torch.autograd.backward
 * @example
 * ```ts
 * const x = randn([3], { requiresGrad: true });
 * const y = x.mul(x);
 * backward([y], [randn([3])]); // x.grad = 2x * v
 * ```
 */
export function backward(
  outputs: readonly Tensor[],
  gradients: readonly (Tensor | null | undefined)[] | undefined,
  options?: BackwardOptions,
): void {
  const createGraph = options?.createGraph ?? false;
  const retainGraph = options?.retainGraph ?? createGraph;
  execute(makeRoots(outputs, gradients), retainGraph, createGraph, null);
}

/**
 * Gradients of `outputs` with respect to `inputs`, without touching any `.grad` (torch.autograd.grad).
 *
 * @pytorch torch.autograd.grad
 * @example
 * ```ts
 * const x = randn([3], { requiresGrad: true });
 * const [dx] = grad(x.mul(x).sum(), [x]); // 2x; x.grad untouched
 * const [d2] = grad(x.pow(3).sum(), x, { createGraph: true });
 * ```
 */
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  options?: GradOptions & { allowUnused?: false },
): Tensor[];
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  options?: GradOptions,
): (Tensor | null)[];
export function grad(
  outputs: Tensor | readonly Tensor[],
  inputs: Tensor | readonly Tensor[],
  options?: GradOptions,
): (Tensor | null)[] {
  const outs = isTensor(outputs) ? [outputs] : outputs;
  const ins = isTensor(inputs) ? [inputs] : inputs;
  const go = options?.gradOutputs;
  const createGraph = options?.createGraph ?? false;
  const retainGraph = options?.retainGraph ?? createGraph;
  const targets = new Map<Node, number[]>();
  ins.forEach((x, i) => {
    if (!isTensor(x)) throw new TorchletError(`grad(): argument 'inputs' expected Tensors, got ${typeof x} at index ${i}`);
    if (!requiresGradOf(x)) throw new TorchletError(`grad(): One of the differentiated Tensors does not require grad (inputs[${i}])`);
    const node = gradFnOf(x) ?? accumulateNode(x);
    const list = targets.get(node);
    if (list) list.push(i);
    else targets.set(node, [i]);
  });
  const capture: Capture = { targets, grads: new Array<Tensor | null>(ins.length).fill(null) };
  execute(makeRoots(outs, isTensor(go) ? [go] : go), retainGraph, createGraph, capture);
  if (!options?.allowUnused) {
    const unused = capture.grads.indexOf(null);
    if (unused >= 0) {
      throw new TorchletError(
        `grad(): One of the differentiated Tensors appears to not have been used in the graph (inputs[${unused}]). ` +
          'Set allowUnused: true if this is the desired behavior.',
      );
    }
  }
  return capture.grads;
}

function makeRoots(outputs: readonly Tensor[], gradients: readonly (Tensor | null | undefined)[] | undefined): Root[] {
  if (gradients !== undefined && gradients.length !== outputs.length) {
    throw new TorchletError(
      `backward(): got ${gradients.length} gradients for ${outputs.length} outputs; expected one per output`,
    );
  }
  return outputs.map((out, i) => {
    if (!requiresGradOf(out)) {
      throw new TorchletError(`backward(): element ${i} of tensors does not require grad and does not have a grad_fn`);
    }
    let g = gradients?.[i] ?? null;
    if (g !== null && !isTensor(g)) {
      const got = typeof g === 'object' ? ((g as object).constructor?.name ?? 'an object') : `${typeof g} ${String(g)}`;
      throw new TorchletError(`backward(): argument 'gradient' (of output ${i}) expected a Tensor, got ${got}`);
    }
    if (g === null) {
      if (out.numel() !== 1) {
        throw new TorchletError(
          `backward(): grad can be implicitly created only for scalar outputs; output ${i} has shape ` +
            `${formatShape(out.shape)}: pass a gradient of that shape`,
        );
      }
      g = onesLike(out);
    } else if (!sameShape(g.shape, out.shape)) {
      throw new ShapeError(
        `backward(): Mismatch in shape: grad_output[${i}] has a shape of ${formatShape(g.shape)} and ` +
          `output[${i}] has a shape of ${formatShape(out.shape)}`,
      );
    } else if (g.dtype !== out.dtype) {
      g = g.to(out.dtype);
    }
    return { node: gradFnOf(out) ?? accumulateNode(out), grad: g };
  });
}

/** Nodes reachable from the roots in an order where every node comes after all its consumers. */
function topologicalOrder(roots: readonly Root[]): Node[] {
  const deps = new Map<Node, number>();
  const stack: Node[] = [];
  for (const r of roots) {
    if (!deps.has(r.node)) {
      deps.set(r.node, 0);
      stack.push(r.node);
    }
  }
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    for (const e of n.next) {
      if (e === null) continue;
      const d = deps.get(e);
      if (d === undefined) {
        deps.set(e, 1);
        stack.push(e);
      } else deps.set(e, d + 1);
    }
  }
  const order: Node[] = [];
  for (const [n, d] of deps) if (d === 0) stack.push(n);
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    order.push(n);
    for (const e of n.next) {
      if (e === null) continue;
      const d = (deps.get(e) as number) - 1;
      deps.set(e, d);
      if (d === 0) stack.push(e);
    }
  }
  return order;
}

/** For grad(): the nodes from which some target is reachable (the others need not run). */
function neededNodes(order: readonly Node[], targets: Map<Node, number[]>): Set<Node> {
  const needed = new Set<Node>();
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i];
    if (targets.has(n) || n.next.some((e) => e !== null && needed.has(e))) needed.add(n);
  }
  return needed;
}

function runHooks(node: Node, g: Tensor): Tensor {
  const hooks = node.hooks;
  if (hooks === null) return g;
  undonate(g); // a hook may keep its argument
  let r = g;
  for (const hook of [...hooks]) {
    const replaced = hook(r);
    if (isTensor(replaced)) r = checkHookResult(replaced, r, node);
  }
  return r;
}

function checkHookResult(replaced: Tensor, g: Tensor, node: Node): Tensor {
  if (!sameShape(replaced.shape, g.shape)) {
    throw new ShapeError(
      `hook: a hook returned a gradient of shape ${formatShape(replaced.shape)} for a tensor of shape ` +
        `${formatShape(g.shape)} (node ${node.name})`,
    );
  }
  return replaced.dtype === g.dtype ? replaced : replaced.to(g.dtype);
}

/** A rule's gradient fitted to its input: broadcast dims summed, dtype converted (PyTorch's validate_outputs). */
function fit(g: Tensor, input: Node, node: Node, index: number): Tensor {
  let r = g;
  if (!sameShape(r.shape, input.shape)) {
    if (!isSummableTo(r.shape, input.shape)) {
      throw new ShapeError(
        `backward(): Function ${node.name} returned an invalid gradient at index ${index} - got ` +
          `${formatShape(r.shape)} but expected shape compatible with ${formatShape(input.shape)}`,
      );
    }
    r = sumToShape(r, input.shape); // donates the sum it makes
  }
  return r.dtype === input.dtype ? r : r.to(input.dtype);
}

function accumulate(leaf: Tensor, g: Tensor, createGraph: boolean): void {
  const m = meta(leaf);
  const current = m.grad;
  if (current === null) {
    // A donated storage is kept as is; any other g may be shared with other leaves or be a broadcast view.
    if (!createGraph && g.isContiguous() && takeDonated(g)) m.grad = g.detach();
    else m.grad = createGraph ? clone(g) : raw.clone(g);
  } else if (!createGraph && !requiresGradOf(current)) {
    raw.add_(current, g);
  } else {
    m.grad = add(current, g);
  }
}

function execute(roots: readonly Root[], retainGraph: boolean, createGraph: boolean, capture: Capture | null): void {
  duringBackward(() => run(roots, retainGraph, createGraph, capture));
}

function run(roots: readonly Root[], retainGraph: boolean, createGraph: boolean, capture: Capture | null): void {
  const order = topologicalOrder(roots);
  const needed = capture === null ? null : neededNodes(order, capture.targets);
  const buffers = new Map<Node, Tensor>();
  const previousMode = setGradEnabled(createGraph);
  try {
    for (const r of roots) {
      const b = buffers.get(r.node);
      buffers.set(r.node, b ? add(b, r.grad) : r.grad);
    }
    for (const node of order) {
      let g = buffers.get(node);
      if (g === undefined) continue;
      buffers.delete(node);
      if (needed !== null && !needed.has(node)) continue;
      if (capture !== null) {
        // PyTorch 1.13 captures before tensor hooks run.
        const indices = capture.targets.get(node);
        if (indices) {
          undonate(g);
          for (const i of indices) capture.grads[i] = g;
        }
      }
      if (node instanceof AccumulateGrad) {
        if (capture === null) accumulate(node.variable, runHooks(node, g), createGraph);
        continue;
      }
      g = runHooks(node, g);
      if (needed !== null && !node.next.some((e) => e !== null && needed.has(e))) continue;
      const grads = node.apply(g);
      const next = node.next;
      for (let i = 0; i < next.length; i++) {
        const e = next[i];
        const gi = grads[i];
        if (e === null || gi === null || gi === undefined) continue;
        if (needed !== null && !needed.has(e)) continue;
        const fitted = fit(gi, e, node, i);
        const b = buffers.get(e);
        buffers.set(e, b ? add(b, fitted) : fitted);
      }
      if (!retainGraph) node.release();
      // a retained graph outlives the scope() it was built in, with the tensors it saved
      else if (inScope()) keep(node.savedTensors());
    }
  } finally {
    setGradEnabled(previousMode);
  }
}
