/**
 * PyTorch's repr (torch/_tensor_str.py, default print options: precision 4, threshold 1000,
 * edgeitems 3, linewidth 80): `tensor([[ 1.0000, -2.0000]])`, `tensor([1, 2, 3])`,
 * `tensor([True, False])`, scientific notation when the magnitudes call for it, `...` summaries
 * above 1000 elements, and `dtype=torch.float64` for dtypes other than float32 / int64 / bool.
 */
import type { Tensor } from './tensor.js';
import { pyExp, pyFixed } from './format/pyfloat.js';
import { toTypedArray } from './ops/convert.js';

const PRECISION = 4;
const THRESHOLD = 1000;
const EDGEITEMS = 3;
const LINEWIDTH = 80;

interface Formatter {
  width: number;
  format(value: number): string;
}

/** torch's _Formatter: chooses integer, fixed or scientific mode from the nonzero finite values. */
function makeFormatter(values: ArrayLike<number>, kind: 'float' | 'int' | 'bool'): Formatter {
  if (kind !== 'float') {
    const str = kind === 'bool' ? (v: number) => (v !== 0 ? 'True' : 'False') : (v: number) => String(v);
    let width = 1;
    for (let i = 0; i < values.length; i++) width = Math.max(width, str(values[i]).length);
    return { width, format: (v) => str(v).padStart(width) };
  }
  let intMode = true;
  let sciMode = false;
  let width = 1;
  let minAbs = Infinity;
  let maxAbs = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === 0 || !Number.isFinite(v)) continue;
    count++;
    const a = Math.abs(v);
    if (a < minAbs) minAbs = a;
    if (a > maxAbs) maxAbs = a;
    if (v !== Math.ceil(v)) intMode = false;
  }
  if (count > 0) {
    const wide = maxAbs / minAbs > 1000 || maxAbs > 1e8;
    sciMode = intMode ? wide : wide || minAbs < 1e-4;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === 0 || !Number.isFinite(v)) continue;
      const s = sciMode ? pyExp(v, PRECISION) : intMode ? pyFixed(v, 0) + '.' : pyFixed(v, PRECISION);
      width = Math.max(width, s.length);
    }
  }
  const format = (v: number): string => {
    let s: string;
    if (sciMode) s = pyExp(v, PRECISION);
    else if (intMode) s = pyFixed(v, 0) + (Number.isFinite(v) ? '.' : '');
    else s = pyFixed(v, PRECISION);
    return s.padStart(width);
  };
  return { width, format };
}

/** Row-major element offsets visited by a summarized print (edge items of long dims). */
function summarizedIndices(shape: readonly number[], summarize: boolean): number[] {
  const out: number[] = [];
  const walk = (dim: number, base: number, stride: number): void => {
    if (dim === shape.length) {
      out.push(base);
      return;
    }
    const n = shape[dim];
    const inner = stride / n;
    const idx = summarize && n > 2 * EDGEITEMS ? [0, 1, 2, n - 3, n - 2, n - 1] : Array.from({ length: n }, (_, i) => i);
    for (const i of idx) walk(dim + 1, base + i * inner, inner);
  };
  let total = 1;
  for (const s of shape) total *= s;
  walk(0, 0, total);
  return out;
}

function tensorBody(data: ArrayLike<number>, shape: readonly number[], summarize: boolean, fmt: Formatter): string {
  const rec = (dim: number, base: number, indent: number): string => {
    let size = 1;
    for (let d = dim + 1; d < shape.length; d++) size *= shape[d];
    const n = shape[dim];
    const cut = summarize && n > 2 * EDGEITEMS;
    if (dim === shape.length - 1) {
      const perLine = Math.max(1, Math.floor((LINEWIDTH - indent) / (fmt.width + 2)));
      const items = cut
        ? [
            ...[0, 1, 2].map((i) => fmt.format(data[base + i])),
            ' ...',
            ...[n - 3, n - 2, n - 1].map((i) => fmt.format(data[base + i])),
          ]
        : Array.from({ length: n }, (_, i) => fmt.format(data[base + i]));
      const lines: string[] = [];
      for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
      return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
    }
    const slices = cut
      ? [
          ...[0, 1, 2].map((i) => rec(dim + 1, base + i * size, indent + 1)),
          '...',
          ...[n - 3, n - 2, n - 1].map((i) => rec(dim + 1, base + i * size, indent + 1)),
        ]
      : Array.from({ length: n }, (_, i) => rec(dim + 1, base + i * size, indent + 1));
    const ndimLeft = shape.length - dim;
    return '[' + slices.join(',' + '\n'.repeat(ndimLeft - 1) + ' '.repeat(indent + 1)) + ']';
  };
  return rec(0, 0, 'tensor('.length);
}

/** torch's _add_suffixes: ", suffix" on the last line, or a new line when it would pass 80 columns. */
function addSuffixes(body: string, suffixes: string[], indent: number): string {
  const parts = [body];
  let lastLine = body.length - body.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLine + suffix.length + 2 > LINEWIDTH) {
      parts.push(',\n' + ' '.repeat(indent) + suffix);
      lastLine = indent + suffix.length;
    } else {
      parts.push(', ' + suffix);
      lastLine += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/** PyTorch's repr: `tensor([[1.0000, 2.0000]])`, with `dtype=` for non-default dtypes. */
export function formatTensor(x: Tensor): string {
  const prefix = 'tensor(';
  const suffixes: string[] = [];
  const dtypeSuffix = `dtype=torch.${x.dtype}`;
  let body: string;
  if (x.numel() === 0) {
    if (x.ndim !== 1) suffixes.push(`size=(${x.shape.join(', ')})`);
    if (x.dtype !== 'float32') suffixes.push(dtypeSuffix);
    body = prefix + '[]';
  } else {
    if (x.dtype === 'float64' || x.dtype === 'int32') suffixes.push(dtypeSuffix);
    const data = toTypedArray(x);
    const summarize = x.numel() > THRESHOLD;
    const kind = x.dtype === 'bool' ? 'bool' : x.dtype === 'float32' || x.dtype === 'float64' ? 'float' : 'int';
    const shown = summarize ? summarizedIndices(x.shape, true).map((i) => data[i]) : data;
    const fmt = makeFormatter(shown, kind);
    body = prefix + (x.ndim === 0 ? fmt.format(data[0]) : tensorBody(data, x.shape, summarize, fmt));
  }
  return addSuffixes(body, suffixes, prefix.length);
}
