// The autograd layer tensor-core's Tensor delegates to: the recording op table and the tensor
// members that need the graph. `installAutograd()` installs it (idempotent).
import { DTypeError, TorchletError, isFloatingDType } from '@torchlet/tensor-core';
import {
  formatShape,
  installAutogradLayer,
  shapesEqual,
  type AutogradLayer,
  type OpTable,
} from '@torchlet/tensor-core/internal';
import { backward } from './engine.js';
import { accumulateNode, gradFnOf, nameGradFn, requiresGradOf, setHistory } from './history.js';
import { meta, metaOf } from './meta.js';
import type { TensorHook } from './node.js';
import { savedTensorsOfGraph } from './saved.js';
import * as ew from './ops/elementwise.js';
import { floatUnaryOps } from './ops/float-unary.js';
import * as ix from './ops/indexing.js';
import * as ip from './ops/inplace.js';
import * as join from './ops/join.js';
import * as la from './ops/linalg.js';
import * as red from './ops/reduce.js';
import * as sm from './ops/softmax.js';
import * as cv from './ops/convert.js';
import * as vw from './ops/views.js';

/** Every differentiable op of tensor-core, recording the graph (a missing op is a compile error). */
const recordingOps = {
  ...ew,
  ...floatUnaryOps,
  ...red,
  ...vw,
  ...join,
  ...la,
  ...ix,
  ...sm,
  ...cv,
  ...ip,
} satisfies OpTable;

const layer: AutogradLayer = {
  ops: recordingOps,
  requiresGrad: requiresGradOf,
  setRequiresGrad(t, flag) {
    if (gradFnOf(t) !== null) {
      throw new TorchletError(
        'requiresGrad: you can only change requiresGrad flags of leaf variables. If you want to use a ' +
          'computed variable in a subgraph that does not require differentiation use detach().',
      );
    }
    if (flag && !isFloatingDType(t.dtype)) {
      throw new DTypeError(`requiresGrad: only tensors of floating point dtype can require gradients, got dtype ${t.dtype}`);
    }
    if (flag || metaOf(t) !== null) meta(t).requiresGrad = flag;
  },
  gradFn: gradFnOf,
  grad: (t) => metaOf(t)?.grad ?? null,
  setGrad(t, g) {
    if (g !== null) {
      if (!shapesEqual(g.shape, t.shape)) {
        throw new TorchletError(
          `grad: assigned grad has data of a different size: expected shape ${formatShape(t.shape)}, got ${formatShape(g.shape)}`,
        );
      }
      if (g.dtype !== t.dtype) throw new DTypeError(`grad: assigned grad has dtype ${g.dtype}, expected ${t.dtype}`);
    }
    if (g !== null || metaOf(t) !== null) meta(t).grad = g;
  },
  retainsGrad: (t) => (metaOf(t)?.retainHook ?? null) !== null,
  retainGrad(t) {
    const fn = gradFnOf(t);
    const m = meta(t);
    if (fn === null) {
      if (!m.requiresGrad) throw new TorchletError("retainGrad: can't retain_grad on Tensor that has requires_grad=False");
      return;
    }
    if (m.retainHook !== null) return;
    // Accumulates like PyTorch's retain_grad hook: clone first, then add out of place.
    const hook: TensorHook = (g) => {
      m.grad = m.grad === null ? g.detach().clone() : m.grad.detach().add(g.detach());
    };
    m.retainHook = hook;
    (fn.hooks ??= []).push(hook);
  },
  registerHook(t, fn) {
    if (!requiresGradOf(t)) {
      throw new TorchletError("registerHook: cannot register a hook on a tensor that doesn't require gradient");
    }
    const node = gradFnOf(t) ?? accumulateNode(t);
    const hooks = (node.hooks ??= []);
    const hook: TensorHook = (g) => fn(g);
    hooks.push(hook);
    return {
      remove: () => {
        const i = hooks.indexOf(hook);
        if (i >= 0) hooks.splice(i, 1);
      },
    };
  },
  backward(t, gradient, options) {
    backward([t], gradient === undefined ? undefined : [gradient], options);
  },
  savedTensors: (t) => savedTensorsOfGraph(gradFnOf(t)),
  nameGradFn: (t, name) => void nameGradFn(t, name),
  detach_(t) {
    const m = metaOf(t);
    if (m === null) return;
    if (m.view !== null) throw new TorchletError("detach_(): Can't detach views in-place. Use detach() instead.");
    // a non-leaf becomes a leaf that does not require grad (PyTorch's detach_)
    setHistory(t, null);
    m.requiresGrad = false;
  },
};

/**
 * Install autograd on tensor-core: tensors can then require grad, ops record the graph and
 * `backward()` works. Idempotent and cheap; torchlet's modules, losses and optimizers call it for
 * you, so only code that uses tensor-core and autograd alone needs to call it once.
 *
 * @pytorch none: PyTorch records graphs always; here tensor-core records them once this has run
 * @example
 * ```ts
 * installAutograd(); // once, before any tensor requires grad
 * const x = randn([3], { requiresGrad: true });
 * x.mul(x).sum().backward(); // x.grad = 2x
 * ```
 */
export function installAutograd(): void {
  installAutogradLayer(layer);
}
