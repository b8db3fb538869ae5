// optimizerToTorch / optimizerFromTorch for LBFGS: lists of tensors, 0-d tensors where torchlet keeps
// numbers, al's unfilled entries. (PyTorch's own files: conformance/test/optim/torch-format-lbfgs.test.ts.)
import { describe, expect, it } from 'vitest';
import { Tensor } from '@torchlet/tensor-core';
import { LBFGS, optimizerFromTorch, optimizerToTorch } from '../src/index.js';
import { param, setGrad } from './helpers.js';

/** f(x) = sum (x - 1)^4 + x^2 with its gradient set on x. */
function run(x: ReturnType<typeof param>, opt: LBFGS, steps: number): void {
  for (let k = 0; k < steps; k++) {
    opt.step(() => {
      const v = Array.from(x.toTypedArray());
      setGrad(x, v.map((e) => 4 * (e - 1) ** 3 + 2 * e));
      return v.reduce((a, e) => a + (e - 1) ** 4 + e * e, 0);
    });
  }
}

describe('LBFGS in the torch format', () => {
  it("writes PyTorch's state keys, lists of tensors and 0-d tensors, and round-trips", () => {
    const x = param([0.5, -1, 2]);
    const opt = new LBFGS([x], { lr: 0.5, maxIter: 3, historySize: 4 });
    run(x, opt, 2);
    const saved = optimizerToTorch(opt);
    const s = saved.json.state[0];
    expect(Object.keys(s).sort()).toEqual(['H_diag', 'al', 'd', 'func_evals', 'n_iter', 'old_dirs', 'old_stps', 'prev_flat_grad', 'prev_loss', 'ro', 't']);
    const n = (s.old_dirs as unknown[]).length;
    expect(s.old_dirs).toEqual(Array.from({ length: n }, (_v, i) => ({ $tensor: `state.0.old_dirs.${i}` })));
    expect((s.al as unknown[]).slice(n)).toEqual(new Array(4 - n).fill(null));
    expect(saved.tensors['state.0.H_diag'].shape).toEqual([]);
    expect(saved.json.param_groups[0]).toEqual({
      lr: 0.5, max_iter: 3, max_eval: 3, tolerance_grad: 1e-7, tolerance_change: 1e-9, history_size: 4, line_search_fn: null, params: [0],
    });

    const y = param(Array.from(x.toTypedArray()));
    const resumed = new LBFGS([y], { lr: 0.5, maxIter: 3, historySize: 4 });
    optimizerFromTorch(resumed, { json: JSON.parse(JSON.stringify(saved.json)), tensors: saved.tensors });
    const a = opt.state.get(x);
    const b = resumed.state.get(y);
    expect(b?.ro).toEqual(a?.ro);
    expect(b?.hDiag).toBe(a?.hDiag);
    expect(b?.al).toEqual(a?.al?.map((v, i) => (i < n ? v : 0)));
    expect(b?.oldDirs?.every((t) => t instanceof Tensor)).toBe(true);
    run(x, opt, 1);
    run(y, resumed, 1);
    expect(Array.from(y.toTypedArray())).toEqual(Array.from(x.toTypedArray()));
  });

  it('refuses a state value that is neither a number nor a 0-d tensor', () => {
    const x = param([0.5, -1, 2]);
    const opt = new LBFGS([x], { maxIter: 2 });
    run(x, opt, 1);
    const saved = optimizerToTorch(opt);
    saved.json.state[0].H_diag = 'big';
    expect(() => optimizerFromTorch(opt, saved)).toThrow(/state\[0\]\.H_diag expected a number or a 0-d tensor, got "big"/);
  });
});
