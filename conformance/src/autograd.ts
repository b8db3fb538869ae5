// The conformance suite's view of @torchlet/autograd. Its Tensor wraps a core tensor in `.value`
// and has the core Tensor's method names; the replay and the property tests only need the few
// members declared here, looked up at run time so that a missing export fails one test with a
// clear message instead of breaking the whole suite.
import type { Tensor } from '@torchlet/tensor-core';
import * as autograd from '@torchlet/autograd';
import type { Fns } from './tensor-core/ops.js';

/** The members of an autograd tensor the suite uses. */
export interface AgTensor {
  readonly value: Tensor;
  readonly grad: AgTensor | null;
  readonly requiresGrad: boolean;
  backward(gradient?: AgTensor): void;
  mul(other: AgTensor | number): AgTensor;
  add(other: AgTensor | number): AgTensor;
  sum(): AgTensor;
}

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
}

interface AutogradModule {
  fromCore?: (value: Tensor, options?: { requiresGrad?: boolean }) => AgTensor;
  gradcheck?: (fn: (...inputs: AgTensor[]) => AgTensor, inputs: AgTensor[], options?: GradcheckOptions) => unknown;
}

const mod = autograd as unknown as AutogradModule & Partial<Record<string, unknown>>;

function missing(name: string): never {
  throw new Error(`@torchlet/autograd does not export ${name}() (yet)`);
}

/** A core tensor as an autograd leaf (shares storage). */
export function leaf(value: Tensor, requiresGrad: boolean): AgTensor {
  const fromCore = mod.fromCore ?? missing('fromCore');
  return fromCore(value, { requiresGrad });
}

/** autograd's `gradcheck`: true when the analytic and numeric gradients agree. */
export function gradcheck(fn: (...inputs: AgTensor[]) => AgTensor, inputs: AgTensor[], options?: GradcheckOptions): boolean {
  const check = mod.gradcheck ?? missing('gradcheck');
  const r = check(fn, inputs, options);
  return typeof r === 'object' && r !== null && 'ok' in r ? Boolean((r as { ok: unknown }).ok) : r === true;
}

const FN_NAMES = [
  'tensor', 'scalarTensor', 'zeros', 'ones', 'full', 'arange', 'linspace', 'eye', 'zerosLike', 'onesLike',
  'fullLike', 'cat', 'stack', 'add', 'sub', 'mul', 'div', 'pow', 'where', 'oneHot', 'allclose',
] as const satisfies readonly (keyof Fns)[];

/** autograd's free functions, each throwing a clear error when autograd lacks it. */
export function autogradFns(): Fns {
  const fns: Record<string, unknown> = {};
  for (const name of FN_NAMES) {
    const f = mod[name];
    fns[name] = typeof f === 'function' ? f : () => missing(name);
  }
  return fns as unknown as Fns;
}

/** An autograd tensor seen as a core-typed operand for the shared op table (same method names). */
export function asOperand(x: AgTensor): Tensor {
  return x as unknown as Tensor;
}

/** A result of the shared op table run on autograd operands, seen as autograd tensors again. */
export function asAutograd(x: unknown): AgTensor {
  return x as AgTensor;
}
