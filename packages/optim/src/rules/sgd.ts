// SGD's update rule over tensor-core tensors, as torch.optim.sgd._single_tensor_sgd (PyTorch 1.13).
import type { Tensor } from '@torchlet/tensor-core';
import { sgdUpdate_ } from '@torchlet/tensor-core/internal';
import { fusable } from './fused.js';

export interface SGDRuleOptions {
  lr: number;
  momentum: number;
  dampening: number;
  weightDecay: number;
  nesterov: boolean;
  maximize: boolean;
}

export interface SGDState {
  /** null until the first step with momentum != 0 (PyTorch then sets it to the gradient). */
  momentumBuffer: Tensor | null;
}

export function initSGDState(): SGDState {
  return { momentumBuffer: null };
}

/**
 * One SGD step: updates `param` and `state` in place. Under noGrad (as `step()` runs it) one fused
 * backend kernel (tensor-core's `sgdUpdate_`) computes the op sequence below with the same bits.
 */
export function sgdStep(param: Tensor, grad: Tensor, state: SGDState, o: SGDRuleOptions): void {
  if (fusable(param, grad, o.momentum !== 0 ? state.momentumBuffer : null)) {
    state.momentumBuffer = sgdUpdate_(param, grad, state.momentumBuffer, o);
    return;
  }
  // g = maximize ? -grad : grad
  let d = o.maximize ? grad.neg() : grad;
  // g = g + weightDecay * param
  if (o.weightDecay !== 0) d = d.add(param, { alpha: o.weightDecay });
  if (o.momentum !== 0) {
    let buf = state.momentumBuffer;
    if (buf === null) {
      // first step: buf = g (no dampening), as PyTorch
      buf = d.clone();
      state.momentumBuffer = buf;
    } else {
      // buf = momentum * buf + (1 - dampening) * g
      buf.mul_(o.momentum).add_(d, { alpha: 1 - o.dampening });
    }
    // nesterov: g = g + momentum * buf; else g = buf
    d = o.nesterov ? d.add(buf, { alpha: o.momentum }) : buf;
  }
  // param = param - lr * g
  param.add_(d, { alpha: -o.lr });
}
