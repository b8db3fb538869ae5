import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cpuBackend,
  exp,
  getBackend,
  matmul,
  setBackend,
  sum,
  type Backend,
  type StridedView,
  type UnaryKernelOp,
} from '@torchlet/tensor-core';
import { expectEqual, mk, randomValues, read, transposed } from './compute-helpers.js';

// every test starts on the reference CPU backend and restores whatever was current before
let original: Backend;
beforeEach(() => {
  original = setBackend(cpuBackend);
});
afterEach(() => {
  setBackend(original);
});

describe('setBackend', () => {
  it('selects a full backend and returns the previous one', () => {
    expect(getBackend().name).toBe('cpu');
    expect(getBackend().matmul).toBe(cpuBackend.matmul);
    const before = setBackend({ ...cpuBackend, name: 'copy' });
    expect(before.name).toBe('cpu');
    expect(getBackend().name).toBe('copy');
  });

  it('a partial backend replaces one kernel and keeps the others', () => {
    const calls: UnaryKernelOp[] = [];
    const previous = setBackend({
      name: 'spy',
      unary: (op: UnaryKernelOp, x: StridedView, out: StridedView) => {
        calls.push(op);
        cpuBackend.unary(op, x, out);
      },
    });
    expect(previous.name).toBe('cpu');
    expect(getBackend().name).toBe('spy');
    const v = randomValues(4, 1);
    const r = exp(mk(v, [4], 'float64'));
    expect(calls).toEqual(['exp']);
    expectEqual(read(r), v.map(Math.exp));
    // kernels not named keep running on the previous backend
    expect(getBackend().binary).toBe(cpuBackend.binary);
    expectEqual(read(sum(mk(v, [4], 'float64'))), [v.reduce((a, b) => a + b, 0)]);
    setBackend(previous);
    expect(getBackend().unary).toBe(cpuBackend.unary);
  });

  it('a replacement kernel receives strided views as they are', () => {
    let seen: StridedView | undefined;
    setBackend({
      name: 'matmul-spy',
      matmul: (a: StridedView, b: StridedView, out: StridedView) => {
        seen = a;
        cpuBackend.matmul(a, b, out);
      },
    } satisfies Partial<Backend> & { name: string });
    const a = transposed(randomValues(6, 2), 2, 3, 'float64');
    const b = mk(randomValues(6, 3), [3, 2], 'float64');
    matmul(a, b);
    expect(seen?.strides).toEqual([1, 2]);
    expect(seen?.data).toBe(a.data);
  });

  it('layers: a second partial backend stacks on the first', () => {
    const order: string[] = [];
    setBackend({ name: 'one', unary: (op, x, out) => (order.push('one'), cpuBackend.unary(op, x, out)) });
    const one = getBackend();
    setBackend({ name: 'two', reduce: (op, x, dims, out, idx) => (order.push('two'), cpuBackend.reduce(op, x, dims, out, idx)) });
    expect(getBackend().unary).toBe(one.unary);
    exp(mk([1], [1]));
    sum(mk([1], [1]));
    expect(order).toEqual(['one', 'two']);
  });
});
