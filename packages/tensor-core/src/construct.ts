// Construction of tensors for the modules below the Tensor class (the ops and their helpers), so that
// none of them imports tensor.ts and the class can call the ops without an import cycle. tensor.ts
// registers the class as it loads; every path to an op passes through it first (ops take tensors, and
// the creation modules import tensor.ts).
import type { DType, DataArray } from './dtype.js';
import type { DeviceStorage } from './backend/interface.js';
import type { Tensor } from './tensor.js';
import { TorchletError } from './errors.js';

type TensorClass = new (
  data: DataArray | DeviceStorage,
  shape: readonly number[],
  dtype: DType,
  strides?: readonly number[],
  offset?: number,
) => Tensor;

let tensorClass: TensorClass | null = null;

// Marks this copy's tensors, so that a tensor made by another copy of tensor-core (two versions, or
// the CommonJS and ES module builds side by side in a bundle) is refused with an error that says so,
// rather than a baffling "expected a Tensor, got Tensor" or a crash inside a kernel.
const COPY_MARK = Symbol.for('@torchlet/tensor-core.copy');
const thisCopy = Object.freeze({});

function foreignTensorError(): TorchletError {
  return new TorchletError(
    'got a Tensor made by another copy of @torchlet/tensor-core: two copies are loaded in this process, ' +
      'two versions (see `npm ls @torchlet/tensor-core`) or its CommonJS and ES module builds side by side ' +
      '(a bundler resolving both require() and import). Tensors cannot move between copies. Install one ' +
      'version of every @torchlet package (the latest versions always match) and let your bundler resolve ' +
      'one build; in Node, import and require already load the same one.',
  );
}

/** Called once by tensor.ts. `instanceof Tensor` (and its subclasses) then refuses another copy's tensors. */
export function registerTensorClass(cls: TensorClass): void {
  tensorClass = cls;
  Object.defineProperty(cls.prototype, COPY_MARK, { value: thisCopy });
  Object.defineProperty(cls, Symbol.hasInstance, {
    value(this: Function, x: unknown): boolean {
      if (Function.prototype[Symbol.hasInstance].call(this, x)) return true;
      const mark = typeof x === 'object' && x !== null ? (x as { [COPY_MARK]?: unknown })[COPY_MARK] : undefined;
      if (mark !== undefined && mark !== thisCopy) throw foreignTensorError();
      return false;
    },
  });
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
