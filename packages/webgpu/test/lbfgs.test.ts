// LBFGS on webgpu: step() refuses (it reads on the host), stepAsync() follows the CPU's step().
import { expect, it } from 'vitest';
import { tensor, type Tensor } from '@torchlet/tensor-core';
import { LBFGS } from '@torchlet/optim';
import { describeGpu, expectClose } from './helpers/gpu.js';

/** sum 2 (x[i+1] - x[i]^2)^2 + (1 - x[i])^2 */
function f(x: Tensor): Tensor {
  const head = x.slice(0, 0, -1);
  const tail = x.slice(0, 1);
  return tail.sub(head.pow(2)).pow(2).mul(2).add(head.neg().add(1).pow(2)).sum();
}

describeGpu('LBFGS on webgpu', () => {
  it('stepAsync follows step on the CPU (strong Wolfe); step refuses', async () => {
    const start = [-1.2, 1, 0.5, -0.3];
    const cpu = tensor(start, { requiresGrad: true });
    const gpu = tensor(start).to('webgpu').requiresGrad_(true);
    const options = { lineSearchFn: 'strong_wolfe' as const, maxIter: 6, historySize: 4 };
    const optCpu = new LBFGS([cpu], options);
    const optGpu = new LBFGS([gpu], options);
    const closure = (x: Tensor, opt: LBFGS) => () => {
      opt.zeroGrad();
      const loss = f(x);
      loss.backward();
      return loss;
    };
    expect(() => optGpu.step(closure(gpu, optGpu))).toThrow(/params are on 'webgpu'.*stepAsync/);
    for (let k = 0; k < 2; k++) {
      const lc = optCpu.step(closure(cpu, optCpu));
      const lg = await optGpu.stepAsync(closure(gpu, optGpu));
      // float32 reductions and updates on the GPU (the CPU rounds once from doubles): iterating
      // amplifies last-bit differences, as in the conformance fixtures (rtol 1e-4 there)
      await expectClose(lg, lc, 1e-4, 1e-5);
      await expectClose(gpu.detach(), cpu.detach(), 1e-4, 1e-5);
      expect(optGpu.state.get(gpu)?.funcEvals).toBe(optCpu.state.get(cpu)?.funcEvals);
    }
  });
});
