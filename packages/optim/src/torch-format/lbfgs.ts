// LBFGS's state in PyTorch 1.13's structure: its one global state (under the first param) holds lists
// of tensors (old_dirs, old_stps) and 0-d tensors (ro, H_diag, al) where torchlet keeps numbers.
import { Tensor, TorchletError, tensor, type DType } from '@torchlet/tensor-core';
import { encodeNumber, tensorRef, type TorchJson } from './json.js';
import { torchName } from './keys.js';

/** torchlet's number fields that PyTorch keeps as 0-d tensors of the params' dtype. */
const TENSOR_NUMBER_FIELDS = ['hDiag'];
const TENSOR_NUMBER_LISTS = ['ro', 'al'];

/**
 * One LBFGS state entry as PyTorch's: tensors under `state.<index>.<name>` (lists of them under
 * `state.<index>.<name>.<i>`), `ro`, `H_diag` and `al` as 0-d tensors of `dtype`. PyTorch's `al` is
 * `[None] * history_size`, filled for the first `len(old_dirs)` entries: the rest are null.
 */
export function lbfgsStateToTorch(
  s: Record<string, unknown>,
  index: string,
  dtype: DType,
  tensors: Record<string, Tensor>,
): { [name: string]: TorchJson } {
  const out: { [name: string]: TorchJson } = {};
  const put = (key: string, t: Tensor): TorchJson => {
    tensors[key] = t;
    return tensorRef(key);
  };
  const filled = Array.isArray(s.oldDirs) ? s.oldDirs.length : 0;
  for (const [k, v] of Object.entries(s)) {
    if (v === undefined) continue;
    const name = torchName(k);
    const key = `state.${index}.${name}`;
    if (v instanceof Tensor) out[name] = put(key, v.detach().contiguous());
    else if (TENSOR_NUMBER_FIELDS.includes(k)) out[name] = put(key, tensor(v as number, { dtype }));
    else if (TENSOR_NUMBER_LISTS.includes(k)) {
      out[name] = (v as number[]).map((x, i) => (k === 'al' && i >= filled ? null : put(`${key}.${i}`, tensor(x, { dtype }))));
    } else if (Array.isArray(v)) out[name] = (v as Tensor[]).map((t, i) => put(`${key}.${i}`, t.detach().contiguous()));
    else if (typeof v === 'number') out[name] = encodeNumber(v);
    else throw new TorchletError(`optimizerToTorch(): LBFGS state[${index}].${k} expected a number or tensors, got ${typeof v}`);
  }
  return out;
}

function toNumber(v: unknown, where: string): number {
  if (v instanceof Tensor && v.numel() === 1) return v.item();
  if (typeof v === 'number') return v;
  throw new TorchletError(`optimizerFromTorch(): ${where} expected a number or a 0-d tensor, got ${v instanceof Tensor ? `a tensor of shape [${v.shape.join(', ')}]` : JSON.stringify(v)}`);
}

/** The inverse, on a decoded entry (torchlet's names): 0-d tensors back to numbers, al's nulls to 0. */
export function lbfgsStateFromTorch(s: Record<string, unknown>, index: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...s };
  for (const k of [...TENSOR_NUMBER_FIELDS, 't']) {
    if (s[k] !== undefined) out[k] = toNumber(s[k], `state[${index}].${torchName(k)}`);
  }
  for (const k of TENSOR_NUMBER_LISTS) {
    const v = s[k];
    if (v === undefined) continue;
    if (!Array.isArray(v)) throw new TorchletError(`optimizerFromTorch(): state[${index}].${torchName(k)} expected a list, got ${typeof v}`);
    out[k] = v.map((x, i) => (x === null ? 0 : toNumber(x, `state[${index}].${torchName(k)}[${i}]`)));
  }
  return out;
}
