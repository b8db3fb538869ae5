// torch.nn.utils.parameters_to_vector and vector_to_parameters.
import { noGrad } from '@torchlet/autograd';
import { DTypeError, ShapeError, Tensor, cat } from '@torchlet/tensor-core';
import { tensorList } from './parameters.js';

/** The parameters flattened and concatenated into one 1-D tensor (differentiable: view + cat, as PyTorch). */
export function parametersToVector(parameters: Iterable<Tensor>): Tensor {
  return cat(tensorList('parametersToVector', parameters, false).map((p) => p.view(-1)));
}

/**
 * Copy consecutive slices of `vec` (along dim 0) into the parameters, in order, without recording.
 * Unlike PyTorch, which rebinds each `param.data` to a view of `vec` (taking its storage and dtype),
 * the parameters keep their own storage and dtype (values are converted); and nothing is copied
 * when a slice does not fit its parameter.
 */
export function vectorToParameters(vec: Tensor, parameters: Iterable<Tensor>): void {
  if (!(vec instanceof Tensor)) {
    const got = Array.isArray(vec) ? 'an array' : vec === null ? 'null' : typeof vec;
    throw new DTypeError(`vectorToParameters(): argument 'vec' expected a Tensor, got ${got}`);
  }
  const params = tensorList('vectorToParameters', parameters, false);
  if (vec.ndim === 0 && params.length > 0) throw new ShapeError("vectorToParameters(): argument 'vec' expected at least one dim, got a 0-d tensor");
  let pointer = 0;
  // vec[pointer:pointer + n].view_as(param), checked for every parameter before any is written
  const slices = params.map((p) => {
    const n = p.numel();
    const end = Math.min(pointer + n, vec.shape[0]);
    const slice = vec.slice(0, Math.min(pointer, end), end);
    if (slice.numel() !== n) {
      throw new ShapeError(`vectorToParameters(): shape [${p.shape.join(', ')}] is invalid for input of size ${slice.numel()} (vec[${pointer}:${pointer + n}] of a vec of shape [${vec.shape.join(', ')}])`);
    }
    pointer += n;
    return slice.reshape(p.shape);
  });
  noGrad(() => params.forEach((p, i) => p.copy_(slices[i])));
}
