// Shared by the optim conformance tests: params (leaves that require grad), optimizers by name, state comparison.
import { expect } from 'vitest';
import { installAutograd } from '@torchlet/autograd';
import * as optim from '@torchlet/optim';
import type { Tensor } from '@torchlet/tensor-core';
import { compareTensor, decode, type EncodedTensor, type Tolerance } from '../../src/fixtures.js';

/**
 * A parameter as PyTorch's fixtures had it: `value` made a leaf that requires grad (so the optimizer
 * must update it under noGrad), its gradient set by the test.
 */
export function param(value: Tensor): optim.Param {
  installAutograd();
  return value.requiresGrad_(true);
}

export type AnyOptimizer = optim.Optimizer<optim.BaseGroupOptions, object>;
type AnyCtor = new (params: unknown, options?: Record<string, unknown>) => AnyOptimizer;

const CTORS: Record<string, unknown> = {
  SGD: optim.SGD,
  Adam: optim.Adam,
  AdamW: optim.AdamW,
  RMSprop: optim.RMSprop,
  Adagrad: optim.Adagrad,
  Adadelta: optim.Adadelta,
  Adamax: optim.Adamax,
  NAdam: optim.NAdam,
  RAdam: optim.RAdam,
  LBFGS: optim.LBFGS,
  ASGD: optim.ASGD,
  Rprop: optim.Rprop,
};

/** `new optim[name](params, options)`. */
export function makeOptimizer(name: string, params: unknown, options: Record<string, unknown>): AnyOptimizer {
  const Ctor = CTORS[name] as AnyCtor | undefined;
  if (!Ctor) throw new Error(`unknown optimizer ${name}`);
  return new Ctor(params, options);
}

/** PyTorch's state keys and torchlet's. */
export const STATE_KEYS: Record<string, string> = {
  step: 'step',
  momentum_buffer: 'momentumBuffer',
  exp_avg: 'expAvg',
  exp_avg_sq: 'expAvgSq',
  max_exp_avg_sq: 'maxExpAvgSq',
  square_avg: 'squareAvg',
  grad_avg: 'gradAvg',
  sum: 'sum',
  acc_delta: 'accDelta',
  exp_inf: 'expInf',
  mu_product: 'muProduct',
  step_size: 'stepSize',
};

export function expectTensor(actual: Tensor, expected: EncodedTensor, tol: Tolerance, label: string): void {
  const problems = compareTensor(actual, expected, tol);
  expect(problems, `${label}: ${problems.join('; ')}`).toEqual([]);
}

export function expectNumber(actual: number, expected: number, tol: Tolerance, label: string): void {
  const ok = Math.abs(actual - expected) <= tol.atol + tol.rtol * Math.abs(expected);
  expect(ok, `${label}: got ${actual}, expected ${expected}`).toBe(true);
}

/** Compare torchlet's per-param state with PyTorch's state_dict()['state'] (keys mapped to camelCase). */
export function expectState(
  actual: Record<string, unknown> | undefined,
  expected: Record<string, EncodedTensor | number | null>,
  tol: Tolerance,
  label: string,
): void {
  expect(actual, `${label}: no state`).toBeDefined();
  const a = actual as Record<string, unknown>;
  const keys = Object.keys(expected).map((k) => STATE_KEYS[k] ?? k);
  const present = Object.keys(a).filter((k) => a[k] !== undefined && a[k] !== null);
  const expectedPresent = Object.entries(expected)
    .filter(([, v]) => v !== null)
    .map(([k]) => STATE_KEYS[k] ?? k);
  expect(present.sort(), `${label}: state keys`).toEqual(expectedPresent.sort());
  for (const [k, v] of Object.entries(expected)) {
    const key = STATE_KEYS[k] ?? k;
    if (v === null) continue;
    if (typeof v === 'number') expectNumber(a[key] as number, v, tol, `${label}.${key}`);
    else expectTensor(a[key] as Tensor, v, tol, `${label}.${key}`);
  }
  expect(keys.length).toBeGreaterThan(0);
}

export { decode };
