import { binaryCrossEntropyWithLogits, crossEntropy, multiMarginLoss, nllLoss, softmaxFocalLoss } from '@torchlet/losses';
import { oneHot, tensor, type Tensor } from '@torchlet/tensor-core';
import type { LossName, TrainConfig } from './config.js';
import type { TrainDevice } from './device.js';

/** A loss over a batch: logits `[N, C]` and int64 class targets `[N]` in, a scalar out (mean). */
export type LossFn = (logits: Tensor, target: Tensor) => Tensor;

export interface LossSetup {
  name: LossName;
  fn: LossFn;
  /** Per-class weights (balanced mode), also used as focal alpha when no `--alpha` is given. */
  classWeights?: number[];
  /** The focal alpha per class, when used. */
  alpha?: number[];
}

/** `balanced` class weights as scikit-learn computes them: N / (C * count_c). */
export function balancedWeights(counts: readonly number[]): number[] {
  const n = counts.reduce((a, b) => a + b, 0);
  return counts.map((c) => (c === 0 ? 0 : n / (counts.length * c)));
}

/**
 * Builds the named loss from @torchlet/losses with the run's options:
 * - cross-entropy: `crossEntropy(logits, y, { weight, labelSmoothing })`
 * - nll: `nllLoss(logSoftmax(logits, 1), y, { weight })`
 * - focal: `softmaxFocalLoss(logits, y, { gamma, alpha })`, alpha per class
 * - multi-margin: `multiMarginLoss(logits, y, { margin, weight })` (hinge)
 * - bce-with-logits: one-vs-rest, `binaryCrossEntropyWithLogits(logits, oneHot(y), { weight })`
 *   with the class weights broadcast along the class dimension
 */
export function buildLoss(cfg: TrainConfig, trainCounts: readonly number[], device: TrainDevice = 'cpu'): LossSetup {
  const numClasses = trainCounts.length;
  const classWeights = cfg.classWeights === 'balanced' ? balancedWeights(trainCounts) : undefined;
  const weight = classWeights ? tensor(classWeights, { dtype: 'float32', device }) : undefined;
  switch (cfg.loss) {
    case 'cross-entropy':
      return {
        name: cfg.loss,
        classWeights,
        fn: (logits, y) => crossEntropy(logits, y, { weight, labelSmoothing: cfg.labelSmoothing }),
      };
    case 'nll':
      return { name: cfg.loss, classWeights, fn: (logits, y) => nllLoss(logits.logSoftmax(1), y, { weight }) };
    case 'focal': {
      const alpha = cfg.alpha ? (cfg.alpha.length === 1 ? new Array<number>(numClasses).fill(cfg.alpha[0]) : cfg.alpha) : classWeights;
      const alphaT = alpha ? tensor(alpha, { dtype: 'float32', device }) : undefined;
      return { name: cfg.loss, classWeights, alpha, fn: (logits, y) => softmaxFocalLoss(logits, y, { gamma: cfg.gamma, alpha: alphaT }) };
    }
    case 'multi-margin':
      return { name: cfg.loss, classWeights, fn: (logits, y) => multiMarginLoss(logits, y, { margin: cfg.margin, weight }) };
    case 'bce-with-logits':
      return {
        name: cfg.loss,
        classWeights,
        fn: (logits, y) => binaryCrossEntropyWithLogits(logits, oneHot(y, numClasses).to('float32'), { weight }),
      };
  }
}
