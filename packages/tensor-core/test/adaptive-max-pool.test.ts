// adaptiveMaxPool2dForward / adaptiveMaxPool2dBackward (ops/nn) on every backend, against a brute
// force reference over each window with nn-layers' former semantics: the first maximum in row-major
// window order wins, NaN wins (the last NaN of the window), and the gradient adds into the input's
// dtype output by output.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, availableBackends, getBackend, setBackend, useBackend, type DType } from '@torchlet/tensor-core';
import { adaptiveMaxPool2dBackward, adaptiveMaxPool2dForward } from '../src/internal.js';
import { expectClose, mk, randomInts, randomValues, read, strided } from './compute-helpers.js';

process.env.TORCHLET_WASM_THRESHOLDS = '0';
const initial = getBackend();
afterAll(() => setBackend(initial));

const numel = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** Per output cell (plane-major), its max and the flat h * W + w of that max within the plane. */
function reference(x: readonly number[], [P, H, W]: number[], outH: number, outW: number): { values: number[]; indices: number[] } {
  const values: number[] = [];
  const indices: number[] = [];
  for (let p = 0; p < P; p++)
    for (let oh = 0; oh < outH; oh++)
      for (let ow = 0; ow < outW; ow++) {
        const h0 = Math.floor((oh * H) / outH);
        const w0 = Math.floor((ow * W) / outW);
        let best = h0 * W + w0;
        let max = -Infinity;
        for (let h = h0; h < Math.ceil(((oh + 1) * H) / outH); h++)
          for (let w = w0; w < Math.ceil(((ow + 1) * W) / outW); w++) {
            const v = x[(p * H + h) * W + w];
            if (v > max || Number.isNaN(v)) {
              max = v;
              best = h * W + w;
            }
          }
        values.push(max);
        indices.push(best);
      }
  return { values, indices };
}

/** The gradient: each output's gradient added at its index, in output order, rounded to `dtype` after each addition. */
function referenceGrad(g: readonly number[], indices: readonly number[], P: number, plane: number, outs: number, dtype: DType): number[] {
  const round = dtype === 'float32' ? Math.fround : (v: number) => v;
  const out = new Array<number>(P * plane).fill(0);
  for (let p = 0; p < P; p++) for (let o = 0; o < outs; o++) out[p * plane + indices[p * outs + o]] = round(out[p * plane + indices[p * outs + o]] + g[p * outs + o]);
  return out;
}

describe.each(availableBackends())('adaptive max pooling on the %s backend', (backend) => {
  beforeEach(() => {
    useBackend(backend);
  });

  const CASES: Array<[number[], number, number]> = [
    [[2, 3, 7, 5], 3, 2],
    [[1, 2, 4, 4], 4, 4],
    [[3, 5, 6], 1, 1],
    [[1, 1, 3, 5], 5, 7],
  ];
  for (const dtype of ['float64', 'float32'] as const) {
    it.each(CASES)(`${dtype}: %j -> %i x %i, forward and backward`, (shape, outH, outW) => {
      // few distinct values, so windows hold ties
      const x = mk(randomInts(numel(shape), 61, 0, 3).map((v) => v / 2), shape, dtype);
      const planes = [numel(shape.slice(0, -2)), ...shape.slice(-2)];
      const ref = reference(read(x), planes, outH, outW);
      expect(ref.values.some(Number.isNaN)).toBe(false);
      const { output, indices } = adaptiveMaxPool2dForward(x, outH, outW);
      expect(output.shape).toEqual([...shape.slice(0, -2), outH, outW]);
      expect(indices.dtype).toBe('int64');
      expect(read(output)).toEqual(ref.values);
      expect(read(indices)).toEqual(ref.indices);
      const g = mk(randomValues(output.numel(), 62), [...output.shape], dtype);
      const expected = referenceGrad(read(g), ref.indices, planes[0], planes[1] * planes[2], outH * outW, dtype);
      expectClose(read(adaptiveMaxPool2dBackward(g, indices, shape)), expected, 0, 0);
    });
  }

  it('NaN wins (the last NaN of the window); -inf and ties keep the first', () => {
    const v = [1, Number.NaN, 3, Number.NaN, -Infinity, -Infinity, 2, 2, 5, 5, Number.NaN, 0];
    const x = mk(v, [1, 3, 4]);
    for (const [outH, outW] of [[1, 1], [2, 2], [3, 3], [1, 4]]) {
      const ref = reference(read(x), [1, 3, 4], outH, outW);
      const { output, indices } = adaptiveMaxPool2dForward(x, outH, outW);
      expect(read(output)).toEqual(ref.values);
      expect(read(indices)).toEqual(ref.indices);
    }
  });

  it('a non-contiguous input and an expanded gradient', () => {
    const store = randomValues(2 * 6 * 5, 63);
    // [2, 5, 6] seen transposed from a [2, 6, 5] storage
    const x = strided(store, [2, 5, 6], [30, 1, 5]);
    const ref = reference(read(x), [2, 5, 6], 3, 4);
    const { output, indices } = adaptiveMaxPool2dForward(x, 3, 4);
    expect(read(output)).toEqual(ref.values.map(Math.fround));
    const g = strided([0.25], [2, 3, 4], [0, 0, 0]);
    expectClose(read(adaptiveMaxPool2dBackward(g, indices, [2, 5, 6])), referenceGrad(read(g), ref.indices, 2, 30, 12, 'float32'), 0, 0);
  });

  it('refuses bad arguments', () => {
    const x = mk(randomValues(12, 64), [1, 3, 4]);
    expect(() => adaptiveMaxPool2dForward(x, 0, 2)).toThrow(ShapeError);
    expect(() => adaptiveMaxPool2dForward(mk([1, 2], [1, 2], 'int64'), 1, 1)).toThrow(/input/);
    const { output, indices } = adaptiveMaxPool2dForward(x, 2, 2);
    expect(() => adaptiveMaxPool2dBackward(output, indices.to('float32'), [1, 3, 4])).toThrow(DTypeError);
    expect(() => adaptiveMaxPool2dBackward(output, indices.reshape([1, 4]), [1, 3, 4])).toThrow(ShapeError);
  });
});
