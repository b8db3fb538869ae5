// The forward check of a tensor-core case: run the op on tensor-core tensors (inputs viewed by
// rawView) and compare every output, in-place identity and aliasing with PyTorch's.
import * as core from '@torchlet/tensor-core';
import type { Tensor } from '@torchlet/tensor-core';
import { deferDeviceError } from '../device.js';
import { compareTensor, decode, decodeNumber, describeValue } from '../fixtures.js';
import type { CaseArg, OpCase } from './case.js';
import { ASYNC_OPS, OPS, type OpResult } from './ops.js';
import type { Operand } from './operands.js';
import { errorText, outputsOf } from './outputs.js';
import { rawView } from './views.js';

export interface BuiltArg {
  operand: Operand;
  /** The decoded base of a tensor operand (what in-place ops write through to). */
  base: Tensor | null;
}

export function buildCoreArg(a: CaseArg): BuiltArg {
  if ('scalar' in a) return { operand: decodeNumber(a.scalar), base: null };
  if ('list' in a) return { operand: a.list.map((x) => buildCoreArg(x).operand as Tensor), base: null };
  const base = decode(a.tensor);
  let x = base;
  for (const step of a.views ?? []) x = rawView(x, step);
  return { operand: x, base };
}

export function opOf(c: OpCase) {
  const fn = OPS[c.op];
  if (fn === undefined) throw new Error(`no replay entry for op '${c.op}' (src/tensor-core/ops*.ts)`);
  return fn;
}

/** Which form of an op a replay runs: the op, or its async variant (ops.ts ASYNC_OPS). */
export type Variant = 'sync' | 'async';

/** Run case c's op on `operands` in the `variant` form (a sync op's throw becomes a rejection). */
export async function runOp(c: OpCase, operands: Operand[], variant: Variant): Promise<OpResult> {
  if (variant === 'sync') return opOf(c)(operands, c.kwargs);
  const fn = ASYNC_OPS[c.op];
  if (fn === undefined) throw new Error(`no async replay entry for op '${c.op}' (ASYNC_OPS in src/tensor-core/ops.ts)`);
  return fn(operands, c.kwargs);
}

/** PyTorch raised: torchlet must throw a TorchletError (the async variant: reject with one). */
export async function checkError(c: OpCase, variant: Variant = 'sync'): Promise<string[]> {
  const built = c.args.map(buildCoreArg);
  let res: unknown;
  try {
    res = await runOp(c, built.map((b) => b.operand), variant);
  } catch (e) {
    if (e instanceof core.TorchletError) return [];
    return [`threw ${errorText(e)}; expected a TorchletError (PyTorch: ${c.error})`];
  }
  if (res instanceof core.Tensor && res.device !== 'cpu') {
    deferDeviceError(res, c.error ?? '');
    return [];
  }
  return [`returned ${describeValue(res)}; expected a TorchletError (PyTorch: ${c.error})`];
}

export async function checkForward(c: OpCase, variant: Variant = 'sync'): Promise<string[]> {
  const built = c.args.map(buildCoreArg);
  const operands = built.map((b) => b.operand);
  let res;
  try {
    res = await runOp(c, operands, variant);
  } catch (e) {
    return [`forward: ${c.op} threw ${errorText(e)}`];
  }
  const problems: string[] = [];
  const expected = c.out ?? [];
  const outs = outputsOf(res, expected[0]?.dtype ?? c.dtype);
  if (outs.length !== expected.length) {
    problems.push(`forward: ${outs.length} outputs, expected ${expected.length}`);
  }
  expected.forEach((e, i) => {
    for (const p of compareTensor(outs[i], e, c)) problems.push(`forward out[${i}]: ${p}`);
  });
  if (c.base_after !== undefined && res !== operands[0]) {
    problems.push(`forward: ${c.op} returned ${describeValue(res)}, not the tensor it modified`);
  }
  const first = operands[0];
  const out0 = outs[0] as Tensor | undefined;
  if (c.is_view !== undefined && out0 && first instanceof core.Tensor && out0.numel?.() > 0) {
    const shares = (out0.storage ?? out0.data) === (first.storage ?? first.data);
    if (shares !== c.is_view) {
      problems.push(c.is_view ? 'forward: should be a view sharing its input\'s storage (as in PyTorch)'
        : 'forward: should be a copy (PyTorch does not return a view here)');
    }
  }
  c.base_after?.forEach((e, i) => {
    const base = built[i]?.base;
    if (e && base) for (const p of compareTensor(base, e, c)) problems.push(`base of operand ${i} after ${c.op}: ${p}`);
  });
  return problems;
}
