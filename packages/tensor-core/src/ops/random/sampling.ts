/**
 * torch's CPU sampling formulas (ATen core/TransformationHelper.h, core/DistributionsHelper.h,
 * native/cpu/DistributionTemplates.h in PyTorch 1.13), written over a Generator.
 */
import type { Generator } from './generator.js';
import { crCos, crLog, crSin } from './cr-math.js';
import { fma64 } from './fma.js';

const TWO_POW_M24 = 1 / 16777216; // 2^-24
const TWO_POW_M53 = 1 / 9007199254740992; // 2^-53
const TWO_POW_32 = 4294967296;
const TWO_PI = 2 * Math.PI;

/** uniform_real_distribution<float>: the low 24 bits of one 32-bit draw, times 2^-24, in [0, 1). */
export function uniformFloat(gen: Generator): number {
  return (gen.random() & 0xffffff) * TWO_POW_M24;
}

/** uniform_real_distribution<double>: the low 53 bits of one 64-bit draw (hi, lo), times 2^-53. */
export function uniformDouble(gen: Generator): number {
  const hi = gen.random();
  const lo = gen.random();
  return ((hi & 0x1fffff) * TWO_POW_32 + lo) * TWO_POW_M53;
}

/**
 * normal_distribution<double> (Box-Muller with a cached second sample):
 * u1, u2 ~ U[0,1) (53-bit), r = sqrt(-2 ln(1 - u2)), theta = 2 pi u1; returns r cos(theta) and
 * caches r sin(theta) in the generator for the next call.
 */
export function normalDouble(gen: Generator, mean: number, std: number): number {
  const cached = gen.nextDoubleNormal;
  if (cached !== undefined) {
    gen.nextDoubleNormal = undefined;
    return fma64(cached, std, mean);
  }
  const u1 = uniformDouble(gen);
  const u2 = uniformDouble(gen);
  const r = Math.sqrt(-2 * crLog(1 - u2));
  const theta = TWO_PI * u1;
  gen.nextDoubleNormal = r * crSin(theta);
  return fma64(r * crCos(theta), std, mean);
}

/**
 * Random integer in [base, base + range) (uniform_int_from_to_distribution): one 32-bit draw when
 * range < 2^32, else one 64-bit draw (for int64 and floating outputs), reduced modulo range.
 */
export function uniformIntFromTo(gen: Generator, range: number, base: number): number {
  if (range < TWO_POW_32) return (gen.random() % range) + base;
  return Number(gen.random64() % BigInt(range)) + base;
}

/**
 * normal_fill for float64 (contiguous, n >= 16): fill with U[0,1), then Box-Muller on blocks of 16
 * (first 8 give 1 - u for the radius, last 8 the angle); a ragged tail is redrawn as the last 16.
 */
export function normalFillDouble(data: Float64Array, start: number, n: number, mean: number, std: number, gen: Generator): void {
  for (let i = 0; i < n; i++) data[start + i] = uniformDouble(gen);
  for (let i = 0; i + 16 <= n; i += 16) normalFill16Double(data, start + i, mean, std);
  if (n % 16 !== 0) {
    const tail = start + n - 16;
    for (let i = 0; i < 16; i++) data[tail + i] = uniformDouble(gen);
    normalFill16Double(data, tail, mean, std);
  }
}

function normalFill16Double(data: Float64Array, at: number, mean: number, std: number): void {
  const plain = std === 1 && mean === 0; // fma(v, 1, 0) is v
  for (let j = 0; j < 8; j++) {
    const u1 = 1 - data[at + j]; // [0, 1) -> (0, 1] for log
    const u2 = data[at + j + 8];
    const radius = Math.sqrt(-2 * crLog(u1));
    const theta = TWO_PI * u2;
    const c = radius * crCos(theta);
    const s = radius * crSin(theta);
    data[at + j] = plain ? c : fma64(c, std, mean); // GCC fuses (r cos) * std + mean
    data[at + j + 8] = plain ? s : fma64(s, std, mean);
  }
}
