// In-place random fills (uniform_, normal_, bernoulli_) with torch's CPU streams; see ../random.ts
// for what matches PyTorch bit for bit.
import { isFloatingDType } from '../../dtype.js';
import { DTypeError, ValueError, argError } from '../../errors.js';
import type { Tensor } from '../../tensor.js';
import { normalFill16Avx } from './avx2-normal.js';
import { fma32, fma64 } from './fma.js';
import { Generator, defaultGenerator } from './generator.js';
import { isRowMajor } from '../../shape.js';
import { memoryOrderOffsets } from './order.js';
import { normalDouble, normalFillDouble, uniformDouble, uniformFloat } from './sampling.js';

/** In-place U(from, to) in the tensor's precision: u * (to - from) + from. */
export function uniform_(x: Tensor, from: number, to: number, generator?: Generator): void {
  if (!isFloatingDType(x.dtype)) argError('uniform_', 'self', 'a float32 or float64 tensor', x.dtype, DTypeError);
  if (!(from <= to)) {
    throw new ValueError(`uniform_(): expects to return a [from, to) range, but found from=${from} > to=${to}`);
  }
  const gen = generator ?? defaultGenerator();
  const n = x.numel();
  const offsets = isRowMajor(x) ? undefined : memoryOrderOffsets(x);
  if (x.dtype === 'float32') {
    // u * (to - from) + from in float32, fused as GCC builds it; u * 1 + 0 is u
    const lo = Math.fround(from);
    const width = Math.fround(Math.fround(to) - lo);
    const unit = lo === 0 && width === 1;
    const d = x.data as Float32Array;
    const base = x.offset;
    for (let i = 0; i < n; i++) {
      const u = uniformFloat(gen);
      d[offsets ? offsets[i] : base + i] = unit ? u : fma32(u, width, lo);
    }
  } else {
    const width = to - from;
    const unit = from === 0 && width === 1;
    const d = x.data as Float64Array;
    const base = x.offset;
    for (let i = 0; i < n; i++) {
      const u = uniformDouble(gen);
      d[offsets ? offsets[i] : base + i] = unit ? u : fma64(u, width, from);
    }
  }
}

/** In-place N(mean, std^2) with torch's two code paths (see the file comment). */
export function normal_(x: Tensor, mean: number, std: number, generator?: Generator): void {
  if (!isFloatingDType(x.dtype)) argError('normal_', 'self', 'a float32 or float64 tensor', x.dtype, DTypeError);
  if (!(std >= 0)) argError('normal_', 'std', 'std >= 0.0', String(std), ValueError);
  const gen = generator ?? defaultGenerator();
  const n = x.numel();
  const dense = isRowMajor(x);
  if (n >= 16 && dense) {
    if (x.dtype === 'float64') {
      normalFillDouble(x.data as Float64Array, x.offset, n, mean, std, gen);
    } else {
      normalFillFloat(x.data as Float32Array, x.offset, n, mean, std, gen);
    }
    return;
  }
  const d = x.data;
  const offsets = dense ? undefined : memoryOrderOffsets(x);
  for (let i = 0; i < n; i++) d[offsets ? offsets[i] : x.offset + i] = normalDouble(gen, mean, std);
}

function normalFillFloat(data: Float32Array, start: number, n: number, mean: number, std: number, gen: Generator): void {
  for (let i = 0; i < n; i++) data[start + i] = uniformFloat(gen);
  const scratch = new Float64Array(2);
  for (let i = 0; i + 16 <= n; i += 16) normalFill16Avx(data, start + i, mean, std, scratch);
  if (n % 16 !== 0) {
    const tail = start + n - 16; // recompute the last 16 values
    for (let i = 0; i < 16; i++) data[tail + i] = uniformFloat(gen);
    normalFill16Avx(data, tail, mean, std, scratch);
  }
}

/** In-place Bernoulli(p): 1 where a 53-bit uniform draw is below p (any dtype). */
export function bernoulli_(x: Tensor, p: number, generator?: Generator): void {
  if (!(p >= 0 && p <= 1)) argError('bernoulli_', 'p', '0 <= p <= 1', String(p), ValueError);
  const gen = generator ?? defaultGenerator();
  const d = x.data;
  const n = x.numel();
  const offsets = isRowMajor(x) ? undefined : memoryOrderOffsets(x);
  for (let i = 0; i < n; i++) d[offsets ? offsets[i] : x.offset + i] = uniformDouble(gen) < p ? 1 : 0;
}
