// A loss returned from scope() keeps what its backward reads: backward after the scope gives the
// gradient of the same loss computed outside any scope (the fused CPU row kernel and the general path).
import { describe, expect, it } from 'vitest';
import { manualSeed, randint, randn, scope, type Tensor } from '@torchlet/tensor-core';
import { crossEntropy, type CrossEntropyOptions } from '../src/index.js';

function gradValues(t: Tensor): Float64Array {
  return (t.grad as Tensor).toTypedArray() as Float64Array;
}

/** d loss / d x for loss = crossEntropy(x * 2, y), the product made inside scope() when `scoped`. */
function gradOfLoss(scoped: boolean, options: CrossEntropyOptions, retain: boolean): Float64Array[] {
  manualSeed(3);
  // 64 x 32 = 2048 elements: above the size under which a scope leaves storage to the garbage collector
  const x = randn([64, 32], { dtype: 'float64' }).requiresGrad_();
  const y = randint(0, 32, [64]);
  const lossOf = (): Tensor => crossEntropy(x.mul(2), y, options);
  const loss = scoped ? scope(lossOf) : lossOf();
  const grads: Float64Array[] = [];
  loss.backward({ retainGraph: retain });
  grads.push(gradValues(x));
  if (retain) {
    x.grad = null;
    loss.backward();
    grads.push(gradValues(x));
  }
  return grads;
}

describe('crossEntropy returned from scope()', () => {
  const cases: [string, CrossEntropyOptions][] = [
    ['fused rows (mean)', {}],
    ['fused rows (sum)', { reduction: 'sum' }],
    ['general path (label smoothing)', { labelSmoothing: 0.1 }],
  ];
  for (const [name, options] of cases) {
    it(`${name}: backward after the scope equals the unscoped gradient, twice with retainGraph`, () => {
      const expected = gradOfLoss(false, options, true);
      const got = gradOfLoss(true, options, true);
      expect(got).toHaveLength(2);
      for (let k = 0; k < 2; k++) expect(Array.from(got[k])).toEqual(Array.from(expected[k]));
    });
  }
});
