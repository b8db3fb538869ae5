// Test-set metrics from logits read back to the page: the trainer's accuracy / F1 / confusion matrix,
// plus the two numbers where the losses part ways on imbalanced data, minority-class recall and
// calibration (expected calibration error).
import { evaluate } from '@torchlet/trainer/metrics';
import type { EpochMetrics } from '../protocol.js';

const ECE_BINS = 15;

/** Row-wise softmax of `[n, c]` logits, in doubles. */
export function softmaxRows(logits: ArrayLike<number>, n: number, c: number): Float64Array {
  const p = new Float64Array(n * c);
  for (let i = 0; i < n; i++) {
    let max = -Infinity;
    for (let j = 0; j < c; j++) max = Math.max(max, logits[i * c + j]);
    let sum = 0;
    for (let j = 0; j < c; j++) sum += p[i * c + j] = Math.exp(logits[i * c + j] - max);
    for (let j = 0; j < c; j++) p[i * c + j] /= sum;
  }
  return p;
}

/** Expected calibration error: sum over confidence bins of |accuracy - mean confidence| weighted by the bin's share. */
export function expectedCalibrationError(confidence: ArrayLike<number>, correct: ArrayLike<boolean>): number {
  const count = new Array<number>(ECE_BINS).fill(0);
  const conf = new Array<number>(ECE_BINS).fill(0);
  const hits = new Array<number>(ECE_BINS).fill(0);
  for (let i = 0; i < confidence.length; i++) {
    const b = Math.min(ECE_BINS - 1, Math.floor(confidence[i] * ECE_BINS));
    count[b] += 1;
    conf[b] += confidence[i];
    if (correct[i]) hits[b] += 1;
  }
  let ece = 0;
  for (let b = 0; b < ECE_BINS; b++) if (count[b] > 0) ece += Math.abs(hits[b] - conf[b]) / confidence.length;
  return ece;
}

/** The rarest third of the classes by training count (at least one), rarest first. */
export function minorityClasses(trainCounts: readonly number[]): number[] {
  const order = trainCounts.map((n, c) => ({ n, c })).sort((a, b) => a.n - b.n || a.c - b.c);
  return order.slice(0, Math.max(1, Math.ceil(trainCounts.length / 3))).map((o) => o.c);
}

export interface Scored {
  readonly metrics: EpochMetrics;
  readonly confusion: number[][];
}

/** Scores `[n, c]` logits against `labels`. */
export function score(logits: ArrayLike<number>, labels: Int32Array, classNames: readonly string[], trainCounts: readonly number[]): Scored {
  const n = labels.length;
  const c = classNames.length;
  const p = softmaxRows(logits, n, c);
  const predicted = new Int32Array(n);
  const confidence = new Float64Array(n);
  const correct: boolean[] = [];
  let nll = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < c; j++) if (p[i * c + j] > p[i * c + best]) best = j;
    predicted[i] = best;
    confidence[i] = p[i * c + best];
    correct.push(best === labels[i]);
    nll -= Math.log(Math.max(p[i * c + labels[i]], 1e-300));
  }
  const ev = evaluate(predicted, labels, classNames);
  const minority = minorityClasses(trainCounts);
  const minorityRecall = minority.reduce((a, k) => a + ev.perClass[k].recall, 0) / minority.length;
  return {
    metrics: {
      accuracy: ev.accuracy,
      macroF1: ev.macroF1,
      minorityRecall,
      ece: expectedCalibrationError(confidence, correct),
      testNll: n === 0 ? 0 : nll / n,
    },
    confusion: ev.confusion,
  };
}
