// The `parameters` argument of torch.nn.utils: one tensor or an iterable of them (a generator such
// as `model.parameters()` is read once).
import { DTypeError, Tensor } from '@torchlet/tensor-core';

/**
 * One tensor or an iterable of tensors: what the `utils` gradient functions take as `parameters`.
 *
 * @pytorch the parameters argument of torch.nn.utils.clip_grad_norm_ (a tensor or an iterable of tensors)
 * @example
 * ```ts
 * const parameters: TensorOrTensors = new Linear(3, 2).parameters();
 * utils.clipGradValue_(parameters, 0.5);
 * ```
 */
export type TensorOrTensors = Tensor | Iterable<Tensor>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return `${typeof value} ${String(value)}`;
}

/** The tensors of `parameters` as an array, each checked to be a Tensor. */
export function tensorList(op: string, parameters: unknown, single = true): Tensor[] {
  if (single && parameters instanceof Tensor) return [parameters];
  if (parameters === null || typeof parameters !== 'object' || !(Symbol.iterator in parameters)) {
    throw new DTypeError(`${op}(): argument 'parameters' expected ${single ? 'a Tensor or ' : ''}an iterable of Tensors, got ${describe(parameters)}`);
  }
  const list = [...(parameters as Iterable<unknown>)];
  list.forEach((p, i) => {
    if (!(p instanceof Tensor)) throw new DTypeError(`${op}(): argument 'parameters' expected Tensors, got ${describe(p)} at index ${i}`);
  });
  return list as Tensor[];
}
