// gradcheck / gradgradcheck refuse options they do not take (as PyTorch raises TypeError on an
// unexpected keyword), naming the camelCase option when one matches.
import { describe, expect, it } from 'vitest';
import { gradcheck, gradgradcheck, type Tensor } from './ag.js';
import { rnd } from './helpers.js';

describe('gradcheck options', () => {
  const f = (x: Tensor): Tensor => x.tanh();
  it('refuses unknown keys', () => {
    expect(() => gradcheck(f, [rnd([3])], { atol: 1e-5, raise_exception: true } as never)).toThrow(/gradcheck\(\): unexpected option 'raise_exception'/);
    expect(() => gradgradcheck(f, [rnd([3])], undefined, { Eps: 1e-6 } as never)).toThrow(/gradgradcheck\(\): unexpected option 'Eps' \(did you mean 'eps'/);
  });
  it('takes eps, atol and rtol', () => {
    expect(gradcheck(f, [rnd([3])], { eps: 1e-6, atol: 1e-5, rtol: 1e-3 })).toBe(true);
  });
});
