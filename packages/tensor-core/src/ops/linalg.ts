// Matrix products with PyTorch's shape rules; the batched kernel (backend.matmul) does the work.
import { getBackend } from '../backend/registry.js';
import type { StridedView } from '../backend/interface.js';
import { DTypeError, ShapeError, argError, formatShape } from '../errors.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { assertTensor, emptyTensor, reshapeContiguous, restride } from './helpers.js';

/** Same dtype on both sides, and not bool (PyTorch has no bool matmul kernel). */
function checkDtypes(op: string, a: Tensor, b: Tensor, second: string): void {
  if (a.dtype === 'bool') argError(op, 'input', 'a numeric tensor (matrix products are not implemented for bool)', 'dtype bool', DTypeError);
  if (a.dtype !== b.dtype) {
    argError(op, second, `the dtype of input (${a.dtype}); matrix products do not promote`, `dtype ${b.dtype}`, DTypeError);
  }
}

function innerMismatch(op: string, second: string, a: Tensor, b: Tensor, k: number, kb: number): never {
  throw new ShapeError(
    `${op}(): argument '${second}' expected ${k} rows to match input's last dim, got ${kb}: ` +
      `shapes ${formatShape(a.shape)} (input) and ${formatShape(b.shape)} (${second}) cannot be multiplied`,
  );
}

/** Run the kernel on [...batch, m, k] x [...batch, k, n] views (batch already broadcast). */
function batched(a: StridedView, b: StridedView, batch: readonly number[], m: number, n: number): Tensor {
  // matmul kernels write every element (the reference zeroes its accumulator, the wasm kernels C)
  const out = emptyTensor([...batch, m, n], a.dtype, false, a);
  getBackend().matmul(a, b, out);
  return out;
}

/**
 * torch.matmul: 1-D . 1-D is a dot product (0-d result); a 1-D first operand is a row vector and a
 * 1-D second operand a column vector, their added dim removed from the result; operands with more
 * than 2 dims are batches of matrices whose batch dims broadcast.
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  assertTensor('matmul', 'input', a);
  assertTensor('matmul', 'other', b);
  if (a.ndim === 0 || b.ndim === 0) {
    argError('matmul', a.ndim === 0 ? 'input' : 'other', 'a tensor with at least 1 dim (both arguments to matmul need to be at least 1D)', `shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}`, ShapeError);
  }
  checkDtypes('matmul', a, b, 'other');
  // a as [..., m, k]: a vector is one row
  const aShape = a.ndim === 1 ? [1, a.shape[0]] : [...a.shape];
  const aStrides = a.ndim === 1 ? [0, a.strides[0]] : [...a.strides];
  // b as [..., k, n]: a vector is one column
  const bShape = b.ndim === 1 ? [b.shape[0], 1] : [...b.shape];
  const bStrides = b.ndim === 1 ? [b.strides[0], 0] : [...b.strides];
  const m = aShape[aShape.length - 2];
  const k = aShape[aShape.length - 1];
  const kb = bShape[bShape.length - 2];
  const n = bShape[bShape.length - 1];
  if (k !== kb) innerMismatch('matmul', 'other', a, b, k, kb);
  const aBatch = aShape.slice(0, -2);
  const bBatch = bShape.slice(0, -2);
  const batch = broadcastShapes(aBatch, bBatch, 'matmul');
  const expandStrides = (shape: number[], strides: number[]): number[] => {
    const lead = batch.length - shape.length;
    return batch.map((s, d) => (d < lead || (shape[d - lead] === 1 && s !== 1) ? 0 : strides[d - lead]));
  };
  const av = restride(a, [...batch, m, k], [...expandStrides(aBatch, aStrides), ...aStrides.slice(-2)]);
  const bv = restride(b, [...batch, k, n], [...expandStrides(bBatch, bStrides), ...bStrides.slice(-2)]);
  const out = batched(av, bv, batch, m, n);
  const shape = [...batch];
  if (a.ndim > 1) shape.push(m);
  if (b.ndim > 1) shape.push(n);
  return reshapeContiguous(out, shape);
}

/** mm's argument checks: two 2-D tensors of one numeric dtype whose inner dims agree. */
export function checkMm(a: Tensor, b: Tensor): void {
  assertTensor('mm', 'input', a);
  assertTensor('mm', 'mat2', b);
  if (a.ndim !== 2) argError('mm', 'input', 'a 2-D tensor (a matrix)', `shape ${formatShape(a.shape)}`, ShapeError);
  if (b.ndim !== 2) argError('mm', 'mat2', 'a 2-D tensor (a matrix)', `shape ${formatShape(b.shape)}`, ShapeError);
  checkDtypes('mm', a, b, 'mat2');
  if (a.shape[1] !== b.shape[0]) innerMismatch('mm', 'mat2', a, b, a.shape[1], b.shape[0]);
}

/** Matrix product of two 2-D tensors (no broadcasting). */
export function mm(a: Tensor, b: Tensor): Tensor {
  checkMm(a, b);
  return batched(a, b, [], a.shape[0], b.shape[1]);
}

/** Batched matrix product of two 3-D tensors with equal batch sizes (no broadcasting). */
export function bmm(a: Tensor, b: Tensor): Tensor {
  assertTensor('bmm', 'input', a);
  assertTensor('bmm', 'mat2', b);
  if (a.ndim !== 3) argError('bmm', 'input', 'a 3-D tensor (a batch of matrices)', `shape ${formatShape(a.shape)}`, ShapeError);
  if (b.ndim !== 3) argError('bmm', 'mat2', 'a 3-D tensor (a batch of matrices)', `shape ${formatShape(b.shape)}`, ShapeError);
  checkDtypes('bmm', a, b, 'mat2');
  if (a.shape[0] !== b.shape[0]) {
    argError('bmm', 'mat2', `batch size ${a.shape[0]} (input is ${formatShape(a.shape)})`, `shape ${formatShape(b.shape)}`, ShapeError);
  }
  if (a.shape[2] !== b.shape[1]) innerMismatch('bmm', 'mat2', a, b, a.shape[2], b.shape[1]);
  return batched(a, b, [a.shape[0]], a.shape[1], b.shape[2]);
}
