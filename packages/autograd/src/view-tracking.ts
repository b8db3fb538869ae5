// Views and in-place writes, as PyTorch tracks them. A tensor made by a view op that shares its
// input's storage remembers its base (the first tensor of the chain that is not such a view) and the
// storage's version when its gradFn was last set. After any in-place write to that storage (through
// the base, this view or another view of it) the view's gradFn is regenerated as AsStridedBackward0
// of the base's current history (history.ts), so its gradient flows through the write. An in-place op
// on a view rebases the base onto CopySlices: the written region's gradient goes to the op's result,
// the rest to the base's old history.
import * as core from '@torchlet/tensor-core';
import { TorchletError, type Tensor } from '@torchlet/tensor-core';
import { storageKey, storageVersion } from '@torchlet/tensor-core/internal';
import { isGradEnabled } from './grad-mode.js';
import { edgeOf, positionsOnCpu, setHistory } from './history.js';
import { meta, metaOf } from './meta.js';
import { FunctionNode, type Node } from './node.js';

export interface ViewInfo {
  readonly base: Tensor;
  /** The storage version when the view's gradFn was last set. */
  version: number;
  /** Made with grad mode off: its gradFn is never regenerated, and PyTorch forbids recording an in-place op on it. */
  readonly noGrad: boolean;
  /** A piece of split / chunk / unbind: its node name and output index (PyTorch forbids in-place ops on them). */
  readonly piece: { readonly name: string; readonly index: number } | null;
}

/** Mark `out` as a view of `x` when it shares x's storage (a reshape may copy); returns `out`. */
export function markView(out: Tensor, x: Tensor, piece: ViewInfo['piece'] = null): Tensor {
  if (out !== x && storageKey(out) === storageKey(x)) {
    const base = metaOf(x)?.view?.base ?? x;
    meta(out).view = { base, version: storageVersion(out), noGrad: !isGradEnabled(), piece };
  }
  return out;
}

/** PyTorch's checks before an in-place op on view `t` is recorded (throws where PyTorch raises). */
export function checkViewWrite(t: Tensor, info: ViewInfo, op: string): void {
  if (info.piece !== null) {
    throw new TorchletError(
      `${op}(): Output ${info.piece.index} of ${info.piece.name} is a view and is being modified inplace. This view is ` +
        'the output of a function that returns multiple views. Such functions do not allow the output views to be ' +
        'modified inplace. You should replace the inplace operation by an out-of-place one.',
    );
  }
  if (info.noGrad) {
    throw new TorchletError(
      `${op}(): A view was created in no_grad mode and is being modified inplace with grad mode enabled. Given ` +
        'that this use case is ambiguous and error-prone, it is forbidden. Create the view and apply the in-place ' +
        'op both inside noGrad(() => ...), or both outside it.',
    );
  }
  // the base, or the view itself (made requiresGrad by hand), is a leaf that requires grad
  const leaf = (x: Tensor): boolean => {
    const m = metaOf(x);
    return m !== null && m.fn === null && m.requiresGrad;
  };
  if (leaf(info.base) || leaf(t)) {
    throw new TorchletError(
      `${op}(): a view of a leaf Variable that requires grad is being used in an in-place operation. ` +
        'Wrap parameter updates in noGrad(() => ...), or use the out-of-place op.',
    );
  }
}

/**
 * The recorded in-place op's `result` (computed out of place from the view's old values) has just
 * been written into view `t`: the base's history becomes CopySlices(its old history `oldBaseEdge`,
 * result) and the view's gradFn AsStridedBackward0 of that.
 */
export function rebaseBase(t: Tensor, info: ViewInfo, oldBaseEdge: Node | null, result: Tensor): void {
  const base = info.base;
  const positions = positionsOnCpu(t, base);
  const mask = core.zeros(base.shape, { dtype: 'bool' });
  for (const i of positions.data) mask.data[i] = 1;
  const index = positions.to(base.device);
  const saved = { index, mask: mask.to(base.device), viewShape: t.shape };
  const node = new FunctionNode('copySlices', [oldBaseEdge, edgeOf(result)], saved, base.shape, base.dtype);
  meta(base).fn = node; // a retainGrad hook on the base stays on its old node (PyTorch 1.13 moves only the view's)
  setHistory(t, new FunctionNode('asStrided', [node], { index, baseShape: base.shape }, t.shape, t.dtype));
  info.version = storageVersion(t);
}
