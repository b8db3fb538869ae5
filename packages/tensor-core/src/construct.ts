// Construction of tensors for the modules below the Tensor class (the ops and their helpers), so that
// none of them imports tensor.ts and the class can call the ops without an import cycle. tensor.ts
// registers the class as it loads; every path to an op passes through it first (ops take tensors, and
// the creation modules import tensor.ts).
import type { DType, DataArray } from './dtype.js';
import type { DeviceStorage } from './backend/interface.js';
import type { Tensor } from './tensor.js';

type TensorClass = new (
  data: DataArray | DeviceStorage,
  shape: readonly number[],
  dtype: DType,
  strides?: readonly number[],
  offset?: number,
) => Tensor;

let tensorClass: TensorClass | null = null;

/** Called once by tensor.ts. */
export function registerTensorClass(cls: TensorClass): void {
  tensorClass = cls;
}

/** `new Tensor(...)` for modules that cannot import the class. */
export function makeTensor(
  data: DataArray | DeviceStorage,
  shape: readonly number[],
  dtype: DType,
  strides?: readonly number[],
  offset?: number,
): Tensor {
  if (tensorClass === null) throw new Error('tensor-core: the Tensor class is not loaded');
  return new tensorClass(data, shape, dtype, strides, offset);
}

/** `x instanceof Tensor` for modules that cannot import the class. */
export function isTensor(x: unknown): x is Tensor {
  return tensorClass !== null && x instanceof tensorClass;
}
