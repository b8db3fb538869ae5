// optimizerToTorch / schedulerToTorch: PyTorch's names and structure, round trips, and bad input.
// (PyTorch's own files and trajectories: conformance/test/optim/torch-format.test.ts.)
import { describe, expect, it } from 'vitest';
import { TorchletError } from '@torchlet/tensor-core';
import {
  Adam,
  AdamW,
  MultiStepLR,
  OneCycleLR,
  ReduceLROnPlateau,
  SGD,
  StepLR,
  optimizerFromTorch,
  optimizerToTorch,
  schedulerFromTorch,
  schedulerToTorch,
  type TorchOptimizerState,
} from '../src/index.js';
import { param, setGrad, values } from './helpers.js';

function run(opt: SGD | Adam | AdamW, p: ReturnType<typeof param>, grads: number[][]): void {
  for (const g of grads) {
    setGrad(p, g);
    opt.step();
  }
}

/** Through JSON text, as a file would go. */
function viaText(s: TorchOptimizerState): TorchOptimizerState {
  return { json: JSON.parse(JSON.stringify(s.json)) as TorchOptimizerState['json'], tensors: s.tensors };
}

describe('optimizerToTorch / optimizerFromTorch', () => {
  it("uses PyTorch's names: snake_case, step as a float32 0-d tensor, implementation switches", () => {
    const p = param([1, 2]);
    const opt = new Adam([p], { lr: 0.1, weightDecay: 0.01, amsgrad: true });
    run(opt, p, [[0.5, -1]]);
    const { json, tensors } = optimizerToTorch(opt);
    expect(Object.keys(json.state[0]).sort()).toEqual(['exp_avg', 'exp_avg_sq', 'max_exp_avg_sq', 'step']);
    expect(json.state[0].step).toEqual({ $tensor: 'state.0.step' });
    expect(tensors['state.0.step'].dtype).toBe('float32');
    expect(tensors['state.0.step'].shape).toEqual([]);
    expect(tensors['state.0.step'].item()).toBe(1);
    const g = json.param_groups[0];
    expect(g.weight_decay).toBe(0.01);
    expect(g).toMatchObject({ foreach: null, capturable: false, differentiable: false, fused: false, params: [0] });
    expect('decoupled_weight_decay' in g).toBe(false);
  });

  it('round-trips: a second optimizer continues the first one exactly', () => {
    const grads = [[0.5, -1], [0.25, 2], [-1, 0.1]];
    const a = param([1, 2]);
    const first = new AdamW([a], { lr: 0.1 });
    run(first, a, grads.slice(0, 2));
    const b = param(values(a));
    const second = new AdamW([b], { lr: 0.5 });
    optimizerFromTorch(second, viaText(optimizerToTorch(first)));
    expect(second.paramGroups[0].lr).toBe(0.1);
    expect(second.paramGroups[0].decoupledWeightDecay).toBe(true);
    run(first, a, grads.slice(2));
    run(second, b, grads.slice(2));
    expect(values(b)).toEqual(values(a));
  });

  it('writes SGD without momentum as momentum_buffer null', () => {
    const p = param([1]);
    const opt = new SGD([p], { lr: 0.1 });
    run(opt, p, [[1]]);
    expect(optimizerToTorch(opt).json.state[0]).toEqual({ momentum_buffer: null });
  });

  it('refuses what PyTorch 1.13 cannot express and keys it does not know', () => {
    const p = param([1]);
    expect(() => optimizerToTorch(new Adam([p], { decoupledWeightDecay: true }))).toThrow(/decoupledWeightDecay expected false/);
    const opt = new SGD([param([1])], { lr: 0.1 });
    const saved = optimizerToTorch(opt);
    saved.json.param_groups[0].lamda = 1;
    expect(() => optimizerFromTorch(opt, saved)).toThrow(/key 'lamda' expected one of SGD's options/);
    const missing = optimizerToTorch(new SGD([param([1])], { lr: 0.1, momentum: 0.9 }));
    missing.json.state[0] = { momentum_buffer: { $tensor: 'state.0.nope' } };
    expect(() => optimizerFromTorch(opt, missing)).toThrow(/"state.0.nope", which the safetensors file lacks/);
    expect(() => optimizerFromTorch(opt, { json: { state: {} }, tensors: {} } as never)).toThrow(/expected \{ state, param_groups \}/);
  });
});

describe('schedulerToTorch / schedulerFromTorch', () => {
  it("uses PyTorch's private names and adds verbose", () => {
    const s = new StepLR(new SGD([param([1])], { lr: 0.1 }), { stepSize: 2 });
    expect(schedulerToTorch(s)).toEqual({
      step_size: 2, gamma: 0.1, base_lrs: [0.1], last_epoch: 0, verbose: false,
      _step_count: 1, _get_lr_called_within_step: false, _last_lr: [0.1],
    });
  });

  it('writes OneCycleLR phases and anneal strategy, ReduceLROnPlateau infinities', () => {
    const one = schedulerToTorch(new OneCycleLR(new SGD([param([1])], { lr: 0.1, momentum: 0.9 }), { maxLr: 1, totalSteps: 10 }));
    expect(one.anneal_func).toBe('cos');
    expect((one._schedule_phases as Record<string, unknown>[])[0]).toEqual({
      end_step: 2, start_lr: 'initial_lr', end_lr: 'max_lr', start_momentum: 'max_momentum', end_momentum: 'base_momentum',
    });
    const plateau = schedulerToTorch(new ReduceLROnPlateau(new SGD([param([1])], { lr: 0.1 }), { mode: 'max' }));
    // as PyTorch's before the first step: no _last_lr
    expect(Object.keys(plateau).sort()).toEqual([
      'best', 'cooldown', 'cooldown_counter', 'eps', 'factor', 'last_epoch', 'min_lrs', 'mode', 'mode_worse',
      'num_bad_epochs', 'patience', 'threshold', 'threshold_mode', 'verbose',
    ]);
    expect(plateau.best).toEqual({ $number: '-Infinity' });
    expect(plateau.mode_worse).toEqual({ $number: '-Infinity' });
  });

  it('round-trips, and refuses unknown keys and unsupported schedulers', () => {
    const opt = new SGD([param([1])], { lr: 0.1, momentum: 0.9 });
    const a = new ReduceLROnPlateau(opt, { patience: 0 });
    a.step(1);
    a.step(2);
    const b = new ReduceLROnPlateau(new SGD([param([1])], { lr: 0.1 }), { patience: 0 });
    schedulerFromTorch(b, JSON.parse(JSON.stringify(schedulerToTorch(a))));
    expect(b.stateDict()).toEqual(a.stateDict());
    expect(() => schedulerFromTorch(b, { ...schedulerToTorch(a), patiense: 1 })).toThrow(/key 'patiense' expected one of ReduceLROnPlateau's fields/);
    // a scheduler of the user's own: PyTorch's structure is unknown
    class MyScheduler extends MultiStepLR {}
    expect(() => schedulerToTorch(new MyScheduler(opt, { milestones: [1] }))).toThrow(/argument 'scheduler' expected one of .*, got MyScheduler/);
  });
});
