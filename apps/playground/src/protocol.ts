// The messages between the page (main.ts) and the training worker (worker.ts).
import type { LossName } from './losses.js';

/** 'auto': WebGPU where the browser gives an adapter, the wasm kernels otherwise; 'wasm': the CPU only. */
export type BackendChoice = 'auto' | 'wasm';
export type DatasetName = 'iris' | 'digits';
export type OptimizerName = 'sgd' | 'adam';

/** One training run: which data, which loss, which optimizer, how long. */
export interface Job {
  readonly dataset: DatasetName;
  /** Long-tail imbalance of the training split (class c keeps imbalance^(c / (C - 1))); 1: balanced. */
  readonly imbalance: number;
  /** digits: samples kept per class before the split. */
  readonly perClass: number;
  readonly loss: LossName;
  readonly optimizer: OptimizerName;
  readonly lr: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly hidden: number;
  readonly seed: number;
}

/** What the worker found: the device it trains on and why. */
export interface BackendReport {
  readonly device: 'webgpu' | 'cpu';
  /** 'webgpu', or the CPU kernels: 'wasm' (SIMD level in `detail`) or 'cpu' (plain TypeScript). */
  readonly backend: 'webgpu' | 'wasm' | 'cpu';
  /** The adapter's description (WebGPU) or the wasm SIMD level. */
  readonly detail: string;
  /** A software adapter (SwiftShader): it runs on the CPU, slower than the wasm kernels. */
  readonly software?: boolean;
  /** Why WebGPU is not used, when it is not. */
  readonly fallbackReason?: string;
}

/** Test-set metrics after an epoch. */
export interface EpochMetrics {
  readonly accuracy: number;
  readonly macroF1: number;
  /** Mean recall over the rarest third of the training classes (rounded up). */
  readonly minorityRecall: number;
  /** Expected calibration error of softmax(logits), 15 equal-width bins. */
  readonly ece: number;
  /** Cross entropy of the test set (whatever loss trained the model). */
  readonly testNll: number;
}

export interface EpochReport extends EpochMetrics {
  readonly epoch: number;
  /** Mean training loss over the epoch's batches, in the run's own loss. */
  readonly trainLoss: number;
  readonly trainAccuracy: number;
}

export interface DataSummary {
  readonly classNames: readonly string[];
  readonly trainCounts: readonly number[];
  readonly testCounts: readonly number[];
}

export type ToWorker = { readonly type: 'init'; readonly backend: BackendChoice } | { readonly type: 'train'; readonly id: number; readonly job: Job };

export type FromWorker =
  | { readonly type: 'ready'; readonly report: BackendReport }
  | { readonly type: 'data'; readonly id: number; readonly summary: DataSummary }
  | { readonly type: 'epoch'; readonly id: number; readonly report: EpochReport }
  | { readonly type: 'done'; readonly id: number; readonly confusion: number[][]; readonly seconds: number }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
