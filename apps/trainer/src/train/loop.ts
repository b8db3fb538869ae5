import { noGrad } from '@torchlet/autograd';
import { dispose, scope, type Tensor } from '@torchlet/tensor-core';
import type { Sequential } from '@torchlet/nn-layers';
import type { Dataset } from '../data/types.js';
import type { EpochProgress } from '../report/progress.js';
import { batchIndices, makeBatch, predictions, predictionsAsync } from './batches.js';
import { readNumber, type TrainDevice } from './device.js';
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
  /** Where the model, its batches and the loss live. */
  device: TrainDevice;
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

/** What one training step gives the loop: its loss, or the non-finite value that stopped it. */
interface StepOutcome {
  value: number;
  /** Argmax predictions of the batch (null when the loss was not finite: no update was made). */
  pred: Int32Array | null;
  labels: Int32Array;
}

/** zeroGrad, forward and loss on the batch at `indices` (the step's first half). */
function forwardStep(ctx: EpochContext, indices: readonly number[]) {
  const batch = makeBatch(ctx.train, indices, ctx.device);
  ctx.optimizer.zeroGrad();
  const logits = ctx.model.forward(batch.x);
  return { logits, loss: ctx.loss(logits, batch.y), labels: batch.labels };
}

/** backward, the optimizer's step and a per-batch scheduler's (the step's second half). */
function updateStep(ctx: EpochContext, loss: Tensor): void {
  loss.backward();
  optimizerStep(ctx);
}

/** The optimizer's step and a per-batch scheduler's. */
function optimizerStep(ctx: EpochContext): void {
  ctx.optimizer.step();
  if (ctx.schedule.perBatch) ctx.schedule.scheduler?.step();
}

/**
 * One training step, in scopes: the tensors a step makes are disposed when its synchronous parts end
 * and their storage serves the next step (the parameters, their gradients and the optimizer's state
 * are kept). On the CPU the whole step is one scope. On a device the loss is read back
 * asynchronously and a scope cannot span an await: forward, loss and backward run in one scope,
 * which returns only the loss value and the logits (detached, disposed once read), then the
 * optimizer steps in another once the loss is known to be finite. So the device's memory (GPU
 * buffers) goes back to its pool every step instead of waiting for the garbage collector.
 */
async function trainStep(ctx: EpochContext, indices: readonly number[]): Promise<StepOutcome> {
  if (ctx.device === 'cpu') {
    return scope(() => {
      const { logits, loss, labels } = forwardStep(ctx, indices);
      const value = loss.item();
      if (!Number.isFinite(value)) return { value, pred: null, labels };
      updateStep(ctx, loss);
      return { value, pred: predictions(logits), labels };
    });
  }
  // the gradients of a non-finite loss are computed but never applied: the run stops at that step
  const f = scope(() => {
    const { logits, loss, labels } = forwardStep(ctx, indices);
    loss.backward();
    return { logits: logits.detach(), loss: loss.detach(), labels };
  });
  try {
    const value = await readNumber(f.loss);
    if (!Number.isFinite(value)) return { value, pred: null, labels: f.labels };
    scope(() => optimizerStep(ctx));
    return { value, pred: await predictionsAsync(f.logits), labels: f.labels };
  } finally {
    dispose([f.logits, f.loss]);
  }
}

/** One pass over the training split in `order`; steps the optimizer (and a per-batch scheduler). */
export async function trainEpoch(ctx: EpochContext, order: readonly number[], firstStep: number, label: string): Promise<EpochResult> {
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
      const { value, pred, labels } = await trainStep(ctx, batches[b]);
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

/** The loss and predictions of one evaluation batch, without recording a graph (scoped as trainStep). */
async function evaluateBatch(model: Classifier, loss: LossFn, ds: Dataset, indices: readonly number[], device: TrainDevice): Promise<StepOutcome & { pred: Int32Array }> {
  const forward = () =>
    noGrad(() => {
      const batch = makeBatch(ds, indices, device);
      const logits = model.forward(batch.x);
      return { logits, loss: loss(logits, batch.y), labels: batch.labels };
    });
  if (device === 'cpu') {
    return scope(() => {
      const f = forward();
      return { value: f.loss.item(), pred: predictions(f.logits), labels: f.labels };
    });
  }
  // on a device: the batch and the forward's intermediates go back when the scope ends, the loss and
  // logits once read
  const f = scope(forward);
  try {
    return { value: await readNumber(f.loss), pred: await predictionsAsync(f.logits), labels: f.labels };
  } finally {
    dispose([f.loss, f.logits]);
  }
}

export interface SplitEvaluation {
  loss: number;
  accuracy: number;
  predicted: Int32Array;
}

/** Loss (sample-weighted mean of batch losses) and predictions on a split, without recording a graph. */
export async function evaluateSplit(model: Classifier, loss: LossFn, ds: Dataset, batchSize: number, device: TrainDevice = 'cpu'): Promise<SplitEvaluation> {
  model.eval();
  const n = ds.labels.length;
  const predicted = new Int32Array(n);
  let lossSum = 0;
  let correct = 0;
  const order = Array.from({ length: n }, (_, i) => i);
  let offset = 0;
  for (const idx of batchIndices(order, Math.max(batchSize, 256))) {
    const { value, pred, labels } = await evaluateBatch(model, loss, ds, idx, device);
    lossSum += value * idx.length;
    predicted.set(pred, offset);
    for (let i = 0; i < pred.length; i++) if (pred[i] === labels[i]) correct += 1;
    offset += idx.length;
  }
  return { loss: n === 0 ? NaN : lossSum / n, accuracy: n === 0 ? 0 : correct / n, predicted };
}
