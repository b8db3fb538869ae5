// LBFGS from PyTorch 1.13 on a Rosenbrock-like closure, with and without strong-Wolfe line search:
// the loss each step() returns, the params after it, and the func_evals / n_iter counters. On a
// device (whose values cannot be read synchronously) the same replay runs with stepAsync().
import { describe, expect, it } from 'vitest';
import { installAutograd } from '@torchlet/autograd';
import { LBFGS, type Param } from '@torchlet/optim';
import { tensor, type Tensor } from '@torchlet/tensor-core';
import { fixtureDevice, loadFixture, type EncodedTensor, type FixtureCase } from '../../src/fixtures.js';
import { decode, expectNumber, expectTensor, param } from './helpers.js';

interface LBFGSCase extends FixtureCase {
  options: Record<string, unknown>;
  initial: EncodedTensor;
  steps: number;
  losses: number[];
  trajectory: EncodedTensor[];
  func_evals: number[];
  n_iter: number[];
}

const fixture = loadFixture<LBFGSCase>('optim', 'lbfgs');
// generator/cases_optim.py ROSENBROCK_A
const A = 2;

/** f(x) = sum_i A (x[i+1] - x[i]^2)^2 + (1 - x[i])^2 and its gradient, evaluated in float64. */
function rosenbrock(x: Tensor): { loss: number; grad: Tensor } {
  const v = Array.from(x.toTypedArray());
  const g = new Array<number>(v.length).fill(0);
  let loss = 0;
  for (let i = 0; i + 1 < v.length; i++) {
    const t = v[i + 1] - v[i] * v[i];
    const u = 1 - v[i];
    loss += A * t * t + u * u;
    // df/dx_i = -4 A x_i t - 2 u;  df/dx_{i+1} = 2 A t
    g[i] += -4 * A * v[i] * t - 2 * u;
    g[i + 1] += 2 * A * t;
  }
  return { loss, grad: tensor(g, { dtype: x.dtype }) };
}

/** The same function written with autograd ops, as a PyTorch user would (each op rounds to the dtype). */
function rosenbrockAutograd(x: Tensor): Tensor {
  const head = x.slice(0, 0, -1);
  const tail = x.slice(0, 1);
  // A (x[1:] - x[:-1]^2)^2 + (1 - x[:-1])^2, summed
  return tail.sub(head.pow(2)).pow(2).mul(A).add(head.neg().add(1).pow(2)).sum();
}

const device = fixtureDevice();
// On a device every step reads back the loss and the line search's values, each a submission and a
// wait: on SwiftShader the longest case takes about 20 s alone and over 60 s (vitest's default here)
// when CI runs the three projects side by side on every core.
const timeout = device === 'cpu' ? undefined : 240_000;

describe('LBFGS (PyTorch fixtures)', () => {
  for (const c of fixture.cases) {
    it(`${c.id}: ${c.steps} steps, the closure written with @torchlet/autograd`, async () => {
      installAutograd();
      const x = decode(c.initial).requiresGrad_(true);
      const opt = new LBFGS([x], c.options);
      const closure = () => {
        opt.zeroGrad();
        const loss = rosenbrockAutograd(x);
        loss.backward();
        return loss;
      };
      for (let k = 0; k < c.steps; k++) {
        const loss = device === 'cpu' ? opt.step(closure) : await opt.stepAsync(closure);
        expectNumber(device === 'cpu' ? loss.item() : await loss.itemAsync(), c.losses[k], c, `step ${k + 1} loss`);
        expectTensor(x, c.trajectory[k], c, `step ${k + 1} params`);
        const st = opt.state.get(x);
        expect([st?.funcEvals, st?.nIter], `step ${k + 1} [funcEvals, nIter]`).toEqual([c.func_evals[k], c.n_iter[k]]);
      }
    }, timeout);

    it(`${c.id}: ${c.steps} steps, the closure's gradient written out in float64`, async () => {
      const x: Param = param(decode(c.initial));
      const opt = new LBFGS([x], c.options);
      // This closure's gradient is not PyTorch's (float64, then rounded; PyTorch's closure computes in
      // float32): on the CPU the 20-iteration fixed-step cases (default, max_iter) already reach 0.99 of
      // the fixture's tolerance. On a device the float32 updates round twice where the CPU rounds
      // once (p + t d), which those cases amplify to 2.1x (measured on SwiftShader); 3x there. The
      // autograd closure above, PyTorch's own computation, keeps the fixture's tolerance everywhere.
      const tol = device === 'cpu' ? c : { rtol: 3 * c.rtol, atol: 3 * c.atol };
      // on a device the closure is async: it reads the params back, and puts the gradient there
      const closure = async () => {
        opt.zeroGrad();
        const onCpu = device === 'cpu' ? x : await x.detach().toAsync('cpu');
        const { loss, grad } = rosenbrock(onCpu);
        x.grad = grad.to(device);
        // PyTorch's loss is a 0-d tensor of the params' dtype
        return c.dtype === 'float32' ? Math.fround(loss) : loss;
      };
      const syncClosure = () => {
        opt.zeroGrad();
        const { loss, grad } = rosenbrock(x);
        x.grad = grad;
        return c.dtype === 'float32' ? Math.fround(loss) : loss;
      };
      for (let k = 0; k < c.steps; k++) {
        const loss = device === 'cpu' ? opt.step(syncClosure) : await opt.stepAsync(closure);
        expectNumber(loss, c.losses[k], tol, `step ${k + 1} loss`);
        expectTensor(x, c.trajectory[k], tol, `step ${k + 1} params`);
        const st = opt.state.get(x);
        expect([st?.funcEvals, st?.nIter], `step ${k + 1} [funcEvals, nIter]`).toEqual([c.func_evals[k], c.n_iter[k]]);
      }
    }, timeout);
  }
});
