// The tutorial's six losses on torchlet's API, as the tutorial writes them in PyTorch (../losses.ts
// has the PyTorch lines).
import { F, type Tensor } from 'torchlet';
import type { LossName } from '../losses.js';

/** A batch's targets: class indices `[N]` (int64) and the same as one-hot rows `[N, C]` (float32). */
export interface Targets {
  readonly y: Tensor;
  readonly oneHot: Tensor;
}

export type LossFn = (logits: Tensor, t: Targets) => Tensor;

export const LOSS_FNS = {
  'cross-entropy': (logits, t) => F.crossEntropy(logits, t.y),
  nll: (logits, t) => F.nllLoss(F.logSoftmax(logits, 1), t.y),
  // the tutorial's custom version negates nll_loss, which is already the negative log-likelihood;
  // the positive loss, equal to F.crossEntropy, is minus the picked log-probabilities' mean
  'hand-cross-entropy': (logits, t) => F.logSoftmax(logits, 1).gather(1, t.y.unsqueeze(1)).mean().neg(),
  focal: (logits, t) => F.softmaxFocalLoss(logits, t.y, { gamma: 2 }),
  'multi-margin': (logits, t) => F.multiMarginLoss(logits, t.y),
  'bce-ovr': (logits, t) => F.binaryCrossEntropyWithLogits(logits, t.oneHot),
} satisfies Record<LossName, LossFn>;
