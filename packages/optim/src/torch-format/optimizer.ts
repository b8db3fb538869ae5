// Optimizer state in PyTorch 1.13's state_dict structure: tensors for a safetensors file, the rest as JSON.
import { Tensor, TorchletError, tensor } from '@torchlet/tensor-core';
import type { Optimizer } from '../optimizer.js';
import type { BaseGroupOptions, OptimizerStateDict, PackedParamGroup } from '../types.js';
import { decodeData, encodeData, encodeNumber, tensorRef, type TorchJson } from './json.js';
import { torchName, torchletName } from './keys.js';
import { lbfgsStateFromTorch, lbfgsStateToTorch } from './lbfgs.js';

/**
 * PyTorch 1.13's optimizer `state_dict()`: `state` keyed by param index (as a string, JSON's keys) with
 * PyTorch's state names, and `param_groups` with PyTorch's option names and `params` as indices.
 * Tensors are `{ "$tensor": "state.<index>.<name>" }`, stored under that key in `tensors`.
 *
 * @pytorch the JSON half of torch.optim.Optimizer.state_dict as PyTorch structures it
 * @example
 * ```ts
 * const optimizer = new Adam([randn([3], { requiresGrad: true })]);
 * const json: TorchOptimizerJson = optimizerToTorch(optimizer).json;
 * ```
 */
export interface TorchOptimizerJson {
  state: { [index: string]: { [name: string]: TorchJson } };
  param_groups: { [key: string]: TorchJson }[];
}

/**
 * The two halves of the torch format: JSON (write with `JSON.stringify`) and the tensors of a safetensors file.
 *
 * @pytorch torch.optim.Optimizer.state_dict, split into JSON and tensors
 * @example
 * ```ts
 * const optimizer = new Adam([randn([3], { requiresGrad: true })]);
 * const saved: TorchOptimizerState = optimizerToTorch(optimizer);
 * optimizerFromTorch(optimizer, saved);
 * ```
 */
export interface TorchOptimizerState {
  json: TorchOptimizerJson;
  tensors: Record<string, Tensor>;
}

type AnyOptimizer = Optimizer<BaseGroupOptions, object>;

/** Group keys PyTorch 1.13 has and torchlet does not (implementation switches), with PyTorch's defaults. */
const TORCH_ONLY: Record<string, Record<string, TorchJson>> = {
  SGD: { foreach: null, differentiable: false },
  Adam: { foreach: null, capturable: false, differentiable: false, fused: false },
  AdamW: { foreach: null, capturable: false },
  RMSprop: { foreach: null, differentiable: false },
  Adagrad: { foreach: null },
  Adadelta: { foreach: null },
  Adamax: { foreach: null },
  RAdam: { foreach: null },
  NAdam: { foreach: null },
  ASGD: { foreach: null },
  Rprop: { foreach: null },
  LBFGS: {},
};

/** Numbers torchlet keeps in state that PyTorch 1.13 keeps in float32 0-d tensors. */
const TENSOR_NUMBERS: Record<string, readonly string[]> = {
  Adam: ['step'],
  AdamW: ['step'],
  Adagrad: ['step'],
  Adamax: ['step'],
  RAdam: ['step'],
  NAdam: ['step', 'muProduct'],
  ASGD: ['step', 'eta', 'mu'],
};

/** Group fields torchlet has and PyTorch 1.13 does not, with the only value PyTorch's class can mean. */
const TORCHLET_ONLY: Record<string, Record<string, unknown>> = {
  Adam: { decoupledWeightDecay: false },
  AdamW: { decoupledWeightDecay: true },
};

const SCHEDULER_FIELDS = ['initialLr', 'maxLr', 'minLr', 'maxMomentum', 'baseMomentum', 'swaLr'];

function supported(opt: AnyOptimizer, where: string): Record<string, TorchJson> {
  const extras = TORCH_ONLY[opt.name];
  if (extras === undefined) {
    throw new TorchletError(`${where}: argument 'optimizer' expected one of ${Object.keys(TORCH_ONLY).join(', ')}, got ${opt.name}`);
  }
  return extras;
}

/**
 * The optimizer's state in PyTorch 1.13's structure (see `TorchOptimizerJson`): what
 * `optimizer.state_dict()` holds in PyTorch for the same run, key for key. Tensors are copies.
 *
 * @pytorch torch.optim.Optimizer.state_dict, in the structure PyTorch saves (tensors apart, for safetensors)
 * @example
 * ```ts
 * const optimizer = new Adam([randn([3], { requiresGrad: true })]);
 * const { json, tensors } = optimizerToTorch(optimizer);
 * // json: PyTorch's state_dict structure; tensors: the state's tensors by key
 * ```
 */
export function optimizerToTorch(optimizer: AnyOptimizer): TorchOptimizerState {
  const where = 'optimizerToTorch()';
  const extras = supported(optimizer, where);
  const only = TORCHLET_ONLY[optimizer.name] ?? {};
  const asTensor = TENSOR_NUMBERS[optimizer.name] ?? [];
  const sd = optimizer.stateDict();
  const tensors: Record<string, Tensor> = {};
  const state: TorchOptimizerJson['state'] = {};
  for (const [index, s] of Object.entries(sd.state)) {
    if (optimizer.name === 'LBFGS') {
      const dtype = optimizer.paramGroups[0].params[0].dtype;
      state[index] = lbfgsStateToTorch(s as Record<string, unknown>, index, dtype, tensors);
      continue;
    }
    const out: { [name: string]: TorchJson } = {};
    for (const [k, v] of Object.entries(s as Record<string, unknown>)) {
      if (v === undefined) continue;
      const name = torchName(k);
      const key = `state.${index}.${name}`;
      if (v instanceof Tensor) tensors[key] = v.detach().contiguous();
      else if (typeof v === 'number' && asTensor.includes(k)) tensors[key] = tensor(v, { dtype: 'float32' });
      else {
        out[name] = encodeData(v, `state[${index}].${k}`);
        continue;
      }
      out[name] = tensorRef(key);
    }
    state[index] = out;
  }
  const groups = sd.paramGroups.map((g, i) => {
    const out: { [key: string]: TorchJson } = {};
    for (const [k, v] of Object.entries(g)) {
      if (k === 'params' || v === undefined) continue;
      if (k in only) {
        if (v !== only[k]) {
          throw new TorchletError(`${where}: paramGroups[${i}].${k} expected ${String(only[k])} (PyTorch 1.13's ${optimizer.name} has no such option), got ${String(v)}`);
        }
        continue;
      }
      out[torchName(k)] = typeof v === 'number' ? encodeNumber(v) : encodeData(v, `paramGroups[${i}].${k}`);
    }
    return { ...out, ...extras, params: g.params };
  });
  return { json: { state, param_groups: groups }, tensors };
}

/**
 * Load a state in PyTorch 1.13's structure (from PyTorch, or from `optimizerToTorch`) into the
 * optimizer, as PyTorch's `load_state_dict`: same number of groups and params per group; tensors
 * are copied and cast to their param's dtype; PyTorch's implementation switches (`foreach`,
 * `capturable`, `differentiable`, `fused`) are accepted and ignored; any other key torchlet's
 * optimizer does not have is an error.
 *
 * @pytorch torch.optim.Optimizer.load_state_dict, from a state saved by PyTorch (or by optimizerToTorch)
 * @example
 * ```ts
 * const optimizer = new Adam([randn([3], { requiresGrad: true })]);
 * const saved = optimizerToTorch(optimizer); // or one written from PyTorch
 * optimizerFromTorch(optimizer, saved);
 * ```
 */
export function optimizerFromTorch(optimizer: AnyOptimizer, saved: TorchOptimizerState): void {
  const where = 'optimizerFromTorch()';
  const extras = supported(optimizer, where);
  if (typeof saved !== 'object' || saved === null || typeof saved.json !== 'object' || saved.json === null) {
    throw new TorchletError(`${where}: argument 'saved' expected { json, tensors }, got ${saved === null ? 'null' : typeof saved}`);
  }
  const { json } = saved;
  const tensors = saved.tensors ?? {};
  if (typeof json.state !== 'object' || json.state === null || !Array.isArray(json.param_groups)) {
    throw new TorchletError(`${where}: argument 'saved.json' expected { state, param_groups }, got keys ${Object.keys(json).join(', ')}`);
  }
  const asTensor = TENSOR_NUMBERS[optimizer.name] ?? [];
  const known = new Set([...Object.keys(optimizer.defaults), ...SCHEDULER_FIELDS]);
  const paramGroups = json.param_groups.map((g, i) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(g)) {
      if (k in extras) continue;
      if (k === 'params') {
        out.params = v;
        continue;
      }
      const name = torchletName(k);
      if (!known.has(name)) {
        throw new TorchletError(`${where}: param_groups[${i}] key '${k}' expected one of ${optimizer.name}'s options, got an unknown key`);
      }
      out[name] = decodeData(v, tensors, `param_groups[${i}].${k}`);
    }
    return out as unknown as PackedParamGroup<BaseGroupOptions>;
  });
  const state: Record<number, object> = {};
  for (const [index, s] of Object.entries(json.state)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) {
      const name = torchletName(k);
      const value = decodeData(v, tensors, `state[${index}].${k}`);
      out[name] = value instanceof Tensor && asTensor.includes(name) ? value.item() : value;
    }
    state[Number(index)] = optimizer.name === 'LBFGS' ? lbfgsStateFromTorch(out, index) : out;
  }
  optimizer.loadStateDict({ state, paramGroups } as OptimizerStateDict<BaseGroupOptions, object>);
}
