import { readFileSync } from 'node:fs';
import type { Module } from '@torchlet/nn-layers';
import { parseSafetensors, saveSafetensors } from '@torchlet/nn-layers';
import type { Tensor } from '@torchlet/tensor-core';
import { takeToCpu } from './device.js';
import { packState, unpackState, type Packed } from './state-codec.js';
import type { TrainOptimizer, TrainScheduler } from './optimizers.js';

/** One row of metrics.csv: a finished epoch. */
export interface EpochRecord {
  epoch: number;
  step: number;
  lr: number;
  trainLoss: number;
  trainAccuracy: number;
  testLoss: number;
  testAccuracy: number;
  seconds: number;
}

/** Progress that is not a tensor: saved in the checkpoint's metadata. */
export interface TrainerProgress {
  epochsDone: number;
  globalStep: number;
  history: EpochRecord[];
  /** The training loss of every step so far (steps.csv, parity). */
  stepLosses: number[];
}

const META_KEY = 'torchlet.trainer';

/** The model's state dict (tensors sharing the model's storage), with PyTorch's names. */
export function modelTensors(model: Module): Record<string, Tensor> {
  return model.stateDict();
}

/** The model's weights as a PyTorch-loadable safetensors file (`load_state_dict` names). */
export function modelSafetensors(model: Module): Uint8Array {
  return saveSafetensors(modelTensors(model), { metadata: { format: 'pt' } });
}

/** Everything `--resume` needs, copied out of the live model, optimizer and scheduler. */
export interface Snapshot {
  model: Record<string, Tensor>;
  optimizer: unknown;
  scheduler: unknown;
  progress: TrainerProgress;
}

/**
 * A copy of the training state that later steps do not change, on the CPU (tensors are cloned, and
 * those on a device read back), ready to be saved.
 */
export async function takeSnapshot(model: Module, optimizer: TrainOptimizer, scheduler: TrainScheduler | null, progress: TrainerProgress): Promise<Snapshot> {
  const tensors: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(modelTensors(model))) tensors[name] = t.device === 'cpu' ? t.detach().clone() : await t.toAsync('cpu');
  // the optimizer's state dict is cloned: its device copies go back once read
  return { model: tensors, optimizer: await takeToCpu(optimizer.stateDict()), scheduler: scheduler ? scheduler.stateDict() : null, progress };
}

/**
 * One file with everything `--resume` needs: the model (`model.<name>`), the optimizer and
 * scheduler state (tensors under `optimizer.` / `scheduler.`, the rest as JSON in the metadata)
 * and the training progress.
 */
export function checkpointSafetensors(snapshot: Snapshot): Uint8Array {
  const tensors: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(snapshot.model)) tensors[`model.${name}`] = t;
  const packed = {
    progress: packState(snapshot.progress, 'progress', tensors),
    optimizer: packState(snapshot.optimizer, 'optimizer', tensors),
    scheduler: snapshot.scheduler === null ? null : packState(snapshot.scheduler, 'scheduler', tensors),
  };
  return saveSafetensors(tensors, { metadata: { format: 'pt', [META_KEY]: JSON.stringify(packed) } });
}

/** The model weights of a snapshot as a PyTorch-loadable safetensors file. */
export function snapshotModelSafetensors(snapshot: Snapshot): Uint8Array {
  return saveSafetensors(snapshot.model, { metadata: { format: 'pt' } });
}

export interface LoadedCheckpoint {
  model: Record<string, Tensor>;
  optimizer: unknown;
  scheduler: unknown;
  progress: TrainerProgress;
}

/**
 * A checkpoint that cannot be resumed from (unreadable, corrupt, truncated, or not matching the
 * run's model): its message is one line that names the file and what is wrong.
 */
export class CheckpointError extends Error {
  override name = 'CheckpointError';
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`checkpoint ${path} cannot be resumed from: ${oneLine(cause instanceof Error ? cause.message : String(cause))}`);
  }
}

/** A message on one line, at most 300 characters (a hostile file can make error messages huge). */
function oneLine(message: string): string {
  const flat = message.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}

/** Reads a file made by `checkpointSafetensors`. */
export function loadCheckpoint(path: string): LoadedCheckpoint {
  const { tensors, metadata } = parseSafetensors(new Uint8Array(readFileSync(path)));
  const text = metadata?.[META_KEY];
  if (!text) throw new Error(`not a torchlet trainer checkpoint (no '${META_KEY}' metadata)`);
  const packed = JSON.parse(text) as { progress: Packed; optimizer: Packed; scheduler: Packed };
  if (typeof packed !== 'object' || packed === null || typeof packed.progress !== 'object' || packed.progress === null) {
    throw new Error(`its '${META_KEY}' metadata has no progress object`);
  }
  const model: Record<string, Tensor> = {};
  for (const [name, t] of Object.entries(tensors)) if (name.startsWith('model.')) model[name.slice(6)] = t;
  const progress = unpackState(packed.progress, tensors) as TrainerProgress;
  if (!Number.isInteger(progress.epochsDone) || !Number.isInteger(progress.globalStep) || !Array.isArray(progress.history) || !Array.isArray(progress.stepLosses)) {
    throw new Error(`its training progress is incomplete (epochsDone, globalStep, history, stepLosses)`);
  }
  return {
    model,
    optimizer: unpackState(packed.optimizer, tensors),
    scheduler: packed.scheduler === null ? null : unpackState(packed.scheduler, tensors),
    progress,
  };
}
