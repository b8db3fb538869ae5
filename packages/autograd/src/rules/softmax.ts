// Backward rules of softmax and log-softmax (outputs saved, as PyTorch).
import type { Tensor } from '@torchlet/tensor-core';
import { OUTPUT, type RuleTable } from './types.js';

export interface SoftmaxSaved {
  softmax: { out: Tensor; dim: number };
  logSoftmax: { out: Tensor; dim: number };
}

export const softmaxRules = {
  // d softmax = y (g - sum(g y))
  softmax: {
    name: 'SoftmaxBackward0',
    savesTensors: true,
    versioned: () => [OUTPUT],
    backward: (g, s) => [s.out.mul(g.sub(g.mul(s.out).sum(s.dim, true)))],
  },
  // d logSoftmax = g - softmax sum(g), with softmax = exp(out)
  logSoftmax: {
    name: 'LogSoftmaxBackward0',
    savesTensors: true,
    versioned: () => [OUTPUT],
    backward: (g, s) => [g.sub(s.out.exp().mul(g.sum(s.dim, true)))],
  },
} satisfies RuleTable<SoftmaxSaved>;
