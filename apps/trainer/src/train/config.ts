import type { DatasetName } from '../data/index.js';

export const MODELS = ['linear', 'mlp', 'cnn', 'lstm', 'transformer'] as const;
export type ModelName = (typeof MODELS)[number];

export const LOSSES = ['cross-entropy', 'nll', 'focal', 'multi-margin', 'bce-with-logits'] as const;
export type LossName = (typeof LOSSES)[number];

export const OPTIMIZERS = ['sgd', 'adam', 'adamw', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

export const SCHEDULERS = ['none', 'step', 'cosine', 'onecycle'] as const;
export type SchedulerName = (typeof SCHEDULERS)[number];

export const CLASS_WEIGHTS = ['none', 'balanced'] as const;
export type ClassWeightsMode = (typeof CLASS_WEIGHTS)[number];

/** The sizes of the lstm and transformer models. */
export interface SequenceOptions {
  /** LSTM hidden size, or the transformer's d_model. */
  hiddenSize: number;
  /** Stacked LSTM layers, or transformer encoder layers. */
  layers: number;
  /** Transformer attention heads (divides hiddenSize). */
  heads: number;
  /** Transformer feed-forward size. */
  ffSize: number;
  /** LSTM: width of the token embedding (text only; the transformer embeds to hiddenSize). */
  embeddingDim: number;
  /** Transformer dropout probability (PyTorch's default for `TransformerEncoderLayer`: 0.1). */
  dropout: number;
}

/** Everything that determines a training run; saved as the run folder's config.json. */
export interface TrainConfig {
  dataset: DatasetName;
  /** digits and names: samples kept per class before the split. */
  perClass: number;
  testFraction: number;
  /** Long-tail ratio for the training split (undefined: no imbalance). */
  imbalance?: number;
  seed: number;

  model: ModelName;
  hidden: number[];
  /** lstm and transformer only. */
  sequence?: SequenceOptions;

  loss: LossName;
  labelSmoothing: number;
  classWeights: ClassWeightsMode;
  gamma: number;
  /** Focal loss per-class alpha (one number applies to every class). */
  alpha?: number[];
  margin: number;

  optimizer: OptimizerName;
  lr: number;
  momentum: number;
  nesterov: boolean;
  weightDecay: number;
  scheduler: SchedulerName;
  stepSize: number;
  stepGamma: number;

  epochs: number;
  batchSize: number;
}

/** Learning rate used when `--lr` is not given. */
export function defaultLr(optimizer: OptimizerName): number {
  return optimizer === 'sgd' ? 0.1 : 0.01;
}

/** A short label for a loss configuration, e.g. `cross-entropy+balanced`. */
export function lossLabel(cfg: Pick<TrainConfig, 'loss' | 'classWeights' | 'labelSmoothing'>): string {
  let label = cfg.loss;
  if (cfg.classWeights === 'balanced') label += '+balanced';
  if (cfg.labelSmoothing > 0) label += `+ls${cfg.labelSmoothing}`;
  return label;
}
