// Expected strings follow PyTorch's documented repr rules (torch/_tensor_str.py, default print
// options: precision 4, threshold 1000, edgeitems 3, linewidth 80), worked out by hand per case.
import { describe, expect, it } from 'vitest';
import { arange, tensor, zeros } from '@torchlet/tensor-core';
import { pyExp, pyFixed } from '../src/format/pyfloat.js';

describe('Python float formatting', () => {
  it('rounds exact ties half to even, unlike toFixed', () => {
    expect(pyFixed(1.03125, 4)).toBe('1.0312'); // 10312.5 -> 10312
    expect(pyFixed(1.09375, 4)).toBe('1.0938'); // 10937.5 -> 10938
    expect(pyFixed(2.5, 0)).toBe('2');
    expect(pyFixed(3.5, 0)).toBe('4');
    expect(pyFixed(-0, 4)).toBe('-0.0000');
    expect(pyFixed(-0.00001, 4)).toBe('-0.0000');
    expect(pyFixed(Number.NaN, 4)).toBe('nan');
  });

  it('formats exponents with a sign and at least two digits', () => {
    expect(pyExp(123465, 4)).toBe('1.2346e+05'); // 1.23465 is a tie -> even 6
    expect(pyExp(1e-5, 4)).toBe('1.0000e-05');
    expect(pyExp(9.99996, 4)).toBe('1.0000e+01');
    expect(pyExp(1e100, 2)).toBe('1.00e+100');
    expect(pyExp(0, 4)).toBe('0.0000e+00');
    expect(pyExp(-2.5e-300, 1)).toBe('-2.5e-300');
  });
});

describe('tensor repr', () => {
  it('integer-valued floats print with a trailing dot, right-aligned', () => {
    expect(String(tensor([[1.0, -2.0]], { dtype: 'float32' }))).toBe('tensor([[ 1., -2.]])');
  });

  it('other floats print with 4 decimals', () => {
    expect(tensor([[1.5, -2]]).toString()).toBe('tensor([[ 1.5000, -2.0000]])');
    expect(tensor(3.5).toString()).toBe('tensor(3.5000)');
  });

  it('integers and booleans print as Python prints them', () => {
    expect(tensor([1, 2, 3]).toString()).toBe('tensor([1, 2, 3])');
    expect(tensor(7).toString()).toBe('tensor(7)');
    expect(tensor([true, false]).toString()).toBe('tensor([ True, False])');
    expect(tensor([10, -3]).toString()).toBe('tensor([10, -3])');
  });

  it('names dtypes other than float32, int64 and bool', () => {
    expect(tensor([1.5, 2.25], { dtype: 'float64' }).toString()).toBe('tensor([1.5000, 2.2500], dtype=torch.float64)');
    expect(tensor([1, 2], { dtype: 'int32' }).toString()).toBe('tensor([1, 2], dtype=torch.int32)');
  });

  it('switches to scientific notation for wide or tiny magnitudes', () => {
    expect(tensor([1e-5, 1]).toString()).toBe('tensor([1.0000e-05, 1.0000e+00])');
    expect(tensor([1e9, 1], { dtype: 'float32' }).toString()).toBe('tensor([1.0000e+09, 1.0000e+00])');
    expect(tensor([1500, 1], { dtype: 'float32' }).toString()).toBe('tensor([1.5000e+03, 1.0000e+00])');
    expect(tensor([999, 1], { dtype: 'float32' }).toString()).toBe('tensor([999.,   1.])');
  });

  it('prints nan and inf without a dot in integer mode', () => {
    expect(tensor([Number.NaN, Infinity, -Infinity, 1]).toString()).toBe('tensor([nan, inf, -inf, 1.])');
  });

  it('prints empty tensors with their size when not 1-D, and non-float dtypes', () => {
    expect(zeros([0]).toString()).toBe('tensor([])');
    expect(zeros([2, 0]).toString()).toBe('tensor([], size=(2, 0))');
    expect(zeros([0], { dtype: 'int64' }).toString()).toBe('tensor([], dtype=torch.int64)');
  });

  it('puts rows on new lines aligned under the first bracket, blank lines between blocks', () => {
    expect(arange(6).reshape(2, 3).float().toString()).toBe('tensor([[0., 1., 2.],\n        [3., 4., 5.]])');
    expect(arange(8).reshape(2, 2, 2).toString()).toBe(
      'tensor([[[0, 1],\n         [2, 3]],\n\n        [[4, 5],\n         [6, 7]]])',
    );
  });

  it('wraps long rows at 80 columns', () => {
    // width 3 ("29."), element length 5, floor((80 - 7) / 5) = 14 per line
    const items = Array.from({ length: 30 }, (_, i) => `${i}.`.padStart(3));
    const lines = [items.slice(0, 14), items.slice(14, 28), items.slice(28)].map((l) => l.join(', '));
    expect(arange(30).float().toString()).toBe(`tensor([${lines.join(',\n        ')}])`);
  });

  it('summarizes above 1000 elements with edge items and ...', () => {
    expect(arange(2000).toString()).toBe('tensor([   0,    1,    2,  ..., 1997, 1998, 1999])');
    const s = arange(2000).reshape(40, 50).toString();
    expect(s.split('\n')).toHaveLength(7);
    expect(s).toContain('...');
    expect(s.startsWith('tensor([[   0,    1,    2,  ...,   47,   48,   49],')).toBe(true);
    expect(s.endsWith('[1950, 1951, 1952,  ..., 1997, 1998, 1999]])')).toBe(true);
  });
});

describe("Node's inspect", () => {
  it('console.log and util.inspect print the repr, not the fields', async () => {
    const { inspect } = await import('node:util');
    const x = tensor([[1.5, 2], [3, 4]]);
    expect(inspect(x)).toBe(x.toString());
    expect(inspect({ x })).toContain('tensor([[1.5000, 2.0000]');
  });
});
