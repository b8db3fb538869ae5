import { noGrad } from '@torchlet/autograd';
import { scope } from '@torchlet/tensor-core';
import type { Sequential } from '@torchlet/nn-layers';
import type { Dataset } from '../data/types.js';
import type { EpochProgress } from '../report/progress.js';
import { batchIndices, makeBatch, predictions } from './batches.js';
import type { LossFn } from './losses.js';
import type { ScheduleSetup, TrainOptimizer } from './optimizers.js';

/** A model as the loop uses it: `forward` on a batch, train/eval mode. */
export type Classifier = Sequential;

export interface EpochContext {
  model: Classifier;
  loss: LossFn;
  optimizer: TrainOptimizer;
  schedule: ScheduleSetup;
  train: Dataset;
  batchSize: number;
  progress: EpochProgress;
}

export interface NonFiniteLoss {
  value: number;
  /** 1-based global step (optimizer updates counted from the start of the run). */
  step: number;
  /** 1-based batch within the epoch. */
  batch: number;
}

export interface EpochResult {
  meanLoss: number;
  accuracy: number;
  stepLosses: number[];
  seconds: number;
  /** Set when a batch's loss was NaN or inf: training stopped before that step's update. */
  nonFinite?: NonFiniteLoss;
}

/** One pass over the training split in `order`; steps the optimizer (and a per-batch scheduler). */
export function trainEpoch(ctx: EpochContext, order: readonly number[], firstStep: number, label: string): EpochResult {
  const t0 = performance.now();
  const batches = [...batchIndices(order, ctx.batchSize)];
  ctx.model.train();
  ctx.progress.start(label, batches.length);
  let lossSum = 0;
  let correct = 0;
  let seen = 0;
  const stepLosses: number[] = [];
  try {
    for (let b = 0; b < batches.length; b++) {
      // each step in a scope: its tensors are disposed when it ends and their storage serves the next
      // step (the parameters, their gradients and the optimizer's state are kept)
      const step = scope(() => {
        const batch = makeBatch(ctx.train, batches[b]);
        ctx.optimizer.zeroGrad();
        const logits = ctx.model.forward(batch.x);
        const loss = ctx.loss(logits, batch.y);
        const value = loss.item();
        if (!Number.isFinite(value)) return { value, pred: null, labels: batch.labels };
        loss.backward();
        ctx.optimizer.step();
        if (ctx.schedule.perBatch) ctx.schedule.scheduler?.step();
        return { value, pred: predictions(logits), labels: batch.labels };
      });
      const { value, pred, labels } = step;
      if (pred === null) {
        return { meanLoss: NaN, accuracy: NaN, stepLosses, seconds: (performance.now() - t0) / 1000, nonFinite: { value, step: firstStep + b + 1, batch: b + 1 } };
      }
      stepLosses.push(value);
      for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) correct += 1;
      lossSum += value * pred.length;
      seen += pred.length;
      const elapsed = (performance.now() - t0) / 1000;
      ctx.progress.update(b + 1, { loss: lossSum / seen, accuracy: correct / seen, samplesPerSecond: seen / Math.max(elapsed, 1e-9) });
    }
  } finally {
    ctx.progress.stop();
  }
  if (!ctx.schedule.perBatch) ctx.schedule.scheduler?.step();
  return { meanLoss: lossSum / seen, accuracy: correct / seen, stepLosses, seconds: (performance.now() - t0) / 1000 };
}

export interface SplitEvaluation {
  loss: number;
  accuracy: number;
  predicted: Int32Array;
}

/** Loss (sample-weighted mean of batch losses) and predictions on a split, without recording a graph. */
export function evaluateSplit(model: Classifier, loss: LossFn, ds: Dataset, batchSize: number): SplitEvaluation {
  model.eval();
  const n = ds.labels.length;
  const predicted = new Int32Array(n);
  let lossSum = 0;
  let correct = 0;
  noGrad(() => {
    const order = Array.from({ length: n }, (_, i) => i);
    let offset = 0;
    for (const idx of batchIndices(order, Math.max(batchSize, 256))) {
      const { value, pred, labels } = scope(() => {
        const batch = makeBatch(ds, idx);
        const logits = model.forward(batch.x);
        return { value: loss(logits, batch.y).item(), pred: predictions(logits), labels: batch.labels };
      });
      lossSum += value * idx.length;
      predicted.set(pred, offset);
      for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) correct += 1;
      offset += idx.length;
    }
  });
  return { loss: n === 0 ? NaN : lossSum / n, accuracy: n === 0 ? 0 : correct / n, predicted };
}
