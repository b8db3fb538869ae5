// L-BFGS written once as a generator: it yields what it needs from the host (a closure evaluation's
// loss, or the value of a 0-d tensor) and receives the number back. A driver answers: synchronously
// with item() (LBFGS.step, the rules' lbfgsStep / strongWolfe) or asynchronously with itemAsync()
// (LBFGS.stepAsync, for params on a device that cannot be read synchronously).
import type { Tensor } from '@torchlet/tensor-core';

/** What the algorithm asks its driver for: run the closure (its loss), or read a 0-d tensor. */
export type LBFGSRequest = { readonly kind: 'evaluate' } | { readonly kind: 'read'; readonly value: Tensor };

/** A part of the algorithm that returns T, asking for numbers on the way. */
export type LBFGSRun<T> = Generator<LBFGSRequest, T, number>;

/** The value of the 0-d tensor `value`, from the driver. */
export function* readNumber(value: Tensor): LBFGSRun<number> {
  return yield { kind: 'read', value };
}

/** A run that asks nothing and returns `value` (a value already computed, as a run). */
// eslint-disable-next-line require-yield
export function* ready<T>(value: T): LBFGSRun<T> {
  return value;
}

/** Drive `run` synchronously: reads with item(), evaluations with `evaluate`. */
export function runSync<T>(run: LBFGSRun<T>, evaluate: () => number): T {
  let r = run.next();
  while (r.done !== true) {
    const q = r.value;
    r = run.next(q.kind === 'read' ? q.value.item() : evaluate());
  }
  return r.value;
}

/**
 * Drive `run` asynchronously: reads with itemAsync(), evaluations with `evaluate`; each stretch of
 * the algorithm between two answers runs inside `around` (the optimizer's noGrad).
 */
export async function runAsync<T>(run: LBFGSRun<T>, evaluate: () => Promise<number>, around: <X>(f: () => X) => X): Promise<T> {
  let r = around(() => run.next());
  while (r.done !== true) {
    const q = r.value;
    const answer = q.kind === 'read' ? await q.value.itemAsync() : await evaluate();
    r = around(() => run.next(answer));
  }
  return r.value;
}
