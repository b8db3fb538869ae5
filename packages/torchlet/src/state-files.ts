// Optimizer and scheduler state as files in the torch format: a safetensors file for the tensors and
// JSON for the rest (PyTorch 1.13's state_dict structure; conformance/generator/torch_format.py is
// the PyTorch side). Here because it joins @torchlet/optim (the format) and @torchlet/nn-layers (safetensors).
import { parseSafetensors, saveSafetensors, saveSafetensorsAsync } from '@torchlet/nn-layers';
import {
  optimizerFromTorch,
  optimizerToTorch,
  schedulerFromTorch,
  schedulerToTorch,
  type BaseGroupOptions,
  type Optimizer,
  type Scheduler,
  type TorchOptimizerJson,
  type TorchSchedulerJson,
} from '@torchlet/optim';
import { TorchletError } from '@torchlet/tensor-core';

/** An optimizer's state as two files: `optimizer.json` (text) and `optimizer.safetensors` (bytes). */
export interface OptimizerStateFiles {
  json: string;
  safetensors: Uint8Array;
}

function parseJson(text: string, argument: string): unknown {
  if (typeof text !== 'string') throw new TorchletError(`argument '${argument}' expected JSON text (a string), got ${typeof text}`);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new TorchletError(`argument '${argument}' expected JSON text, got text that does not parse: ${(e as Error).message}`);
  }
}

/** The optimizer's state in the torch format, as file contents PyTorch's reader loads. */
export function saveOptimizerState(optimizer: Optimizer<BaseGroupOptions, object>): OptimizerStateFiles {
  const { json, tensors } = optimizerToTorch(optimizer);
  return { json: JSON.stringify(json), safetensors: saveSafetensors(tensors) };
}

/**
 * `saveOptimizerState` for an optimizer whose state is on a device (a GPU): the state tensors are
 * read back to the CPU first, asynchronously (`saveSafetensorsAsync`); the same files.
 */
export async function saveOptimizerStateAsync(optimizer: Optimizer<BaseGroupOptions, object>): Promise<OptimizerStateFiles> {
  const { json, tensors } = optimizerToTorch(optimizer);
  return { json: JSON.stringify(json), safetensors: await saveSafetensorsAsync(tensors) };
}

/** Load files written by `saveOptimizerState` or by PyTorch in the torch format. */
export function loadOptimizerState(optimizer: Optimizer<BaseGroupOptions, object>, files: OptimizerStateFiles): void {
  if (typeof files !== 'object' || files === null) throw new TorchletError(`argument 'files' expected { json, safetensors }, got ${String(files)}`);
  const json = parseJson(files.json, 'files.json') as TorchOptimizerJson;
  const { tensors } = parseSafetensors(files.safetensors);
  optimizerFromTorch(optimizer, { json, tensors });
}

/** The scheduler's state in the torch format, as JSON text. */
export function saveSchedulerState(scheduler: Scheduler): string {
  return JSON.stringify(schedulerToTorch(scheduler));
}

/** Load JSON text written by `saveSchedulerState` or by PyTorch in the torch format. */
export function loadSchedulerState(scheduler: Scheduler, json: string): void {
  schedulerFromTorch(scheduler, parseJson(json, 'json') as TorchSchedulerJson);
}
