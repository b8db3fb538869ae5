// Unknown option keys are refused, as PyTorch raises TypeError on an unexpected keyword argument,
// with the camelCase spelling suggested when the key is PyTorch's snake_case one.
import { describe, expect, it } from 'vitest';
import { allclose, rand, tensor, zeros } from '../src/index.js';
import { checkOptionKeys } from '../src/internal.js';

describe('option keys', () => {
  it('creation functions refuse unknown options and suggest the camelCase name', () => {
    expect(() => zeros([2], { requires_grad: true } as never)).toThrow(
      "zeros(): unexpected option 'requires_grad' (did you mean 'requiresGrad'? options are PyTorch's keyword arguments in camelCase); it takes 'dtype', 'requiresGrad', 'device'",
    );
    expect(() => rand([2], { generatr: null } as never)).toThrow(/rand\(\): unexpected option 'generatr'; it takes 'dtype', 'requiresGrad', 'device', 'generator'/);
    expect(() => tensor([1, 2], { shap: [2] } as never)).toThrow(/tensor\(\): unexpected option 'shap'/);
    expect(tensor([1, 2], { shape: [2], dtype: 'float64' }).dtype).toBe('float64');
  });

  it('checkOptionKeys passes known keys, undefined and null, and matches case-insensitively', () => {
    expect(() => checkOptionKeys('f', { a: 1 }, ['a'])).not.toThrow();
    expect(() => checkOptionKeys('f', undefined, ['a'])).not.toThrow();
    expect(() => checkOptionKeys('f', null, ['a'])).not.toThrow();
    expect(() => checkOptionKeys('f', { IgnoreIndex: 1 }, ['ignoreIndex'])).toThrow(/did you mean 'ignoreIndex'/);
    expect(() => checkOptionKeys('f', { x: 1 }, [])).toThrow("f(): unexpected option 'x'; it takes no options");
  });
});

describe('op options', () => {
  it('add/sub and allclose refuse unknown keys', () => {
    const x = rand([3]);
    expect(() => x.add(x, { alpah: 2 } as never)).toThrow("add(): unexpected option 'alpah'; it takes 'alpha'");
    expect(() => allclose(x, x, { equal_nan: true } as never)).toThrow(/allclose\(\): unexpected option 'equal_nan' \(did you mean 'equalNan'/);
  });
});

describe('variance options', () => {
  it('var and std refuse unknown keys (unbiased is spelled correction)', () => {
    const x = rand([4, 3]);
    expect(() => x.var(0, { unbiased: false } as never)).toThrow("var(): unexpected option 'unbiased'; it takes 'correction', 'keepdim'");
    expect(() => x.std(0, { keep_dim: true } as never)).toThrow(/std\(\): unexpected option 'keep_dim' \(did you mean 'keepdim'/);
    expect(x.std(0, { correction: 0, keepdim: true }).shape).toEqual([1, 3]);
  });
});
