/**
 * dtypes by PyTorch's names, and the typed array each one is stored in.
 *
 * | dtype     | storage        | note                                                     |
 * |-----------|----------------|----------------------------------------------------------|
 * | float32   | Float32Array   | the default dtype, as in PyTorch                         |
 * | float64   | Float64Array   |                                                          |
 * | int64     | Float64Array   | integral values; exact for magnitudes up to 2^53         |
 * | int32     | Int32Array     |                                                          |
 * | bool      | Uint8Array     | 0 or 1                                                   |
 *
 * int64 is stored in a Float64Array rather than a BigInt64Array so kernels stay on plain numbers:
 * class indices, counts and offsets never approach 2^53.
 *
 * @pytorch torch.dtype (torch.float32, torch.float64, torch.int64, torch.int32, torch.bool)
 * @example
 * ```ts
 * const dtype: DType = 'float64';
 * const x = zeros([2], { dtype });
 * ```
 */
export type DType = 'float32' | 'float64' | 'int64' | 'int32' | 'bool';

/**
 * The dtypes a tensor may have.
 *
 * @pytorch torch.float32, torch.float64, torch.int64, torch.int32 and torch.bool
 * @example
 * ```ts
 * const supported = DTYPES.includes('float64'); // true
 * ```
 */
export const DTYPES: readonly DType[] = ['float32', 'float64', 'int64', 'int32', 'bool'];

/**
 * The typed array of each dtype: `DataArrayByDType['int32']` is `Int32Array`.
 *
 * @pytorch none: the storage of a torch.Tensor by dtype
 * @example
 * ```ts
 * const data: DataArrayByDType['float64'] = new Float64Array([1, 2]);
 * const x = tensor(data); // float64
 * ```
 */
export interface DataArrayByDType {
  float32: Float32Array;
  float64: Float64Array;
  int64: Float64Array;
  int32: Int32Array;
  bool: Uint8Array;
}

/**
 * The typed array that holds a tensor's elements (int64 is stored in a Float64Array).
 *
 * @pytorch none: the storage of a torch.Tensor, as numpy() exposes it
 * @example
 * ```ts
 * const data: DataArray = new Float32Array([1, 2, 3]);
 * const x = tensor(data); // float32 [3]
 * ```
 */
export type DataArray = DataArrayByDType[DType];

/**
 * The dtype of floating tensors made without a `dtype`: 'float32'.
 *
 * @pytorch torch.get_default_dtype
 * @example
 * ```ts
 * const x = zeros([2]);
 * const same = x.dtype === DEFAULT_DTYPE; // true
 * ```
 */
export const DEFAULT_DTYPE: DType = 'float32';

/**
 * Whether a value is a dtype name.
 *
 * @pytorch none: a type guard for strings read at run time (isinstance(x, torch.dtype))
 * @example
 * ```ts
 * const name: string = 'float64';
 * const x = isDType(name) ? zeros([2], { dtype: name }) : zeros([2]);
 * ```
 */
export function isDType(value: unknown): value is DType {
  return typeof value === 'string' && (DTYPES as readonly string[]).includes(value);
}

/**
 * Whether a dtype is floating point ('float32' or 'float64').
 *
 * @pytorch torch.is_floating_point (of a dtype: dtype.is_floating_point)
 * @example
 * ```ts
 * const floating = isFloatingDType('float64'); // true
 * const integral = isFloatingDType('int64'); // false
 * ```
 */
export function isFloatingDType(dtype: DType): boolean {
  return dtype === 'float32' || dtype === 'float64';
}

export function isIntegralDType(dtype: DType, includeBool = false): boolean {
  return dtype === 'int64' || dtype === 'int32' || (includeBool && dtype === 'bool');
}

/** Allocate a zero-filled typed array for `dtype`. */
export function allocate(dtype: DType, length: number): DataArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(length);
    case 'float64':
    case 'int64':
      return new Float64Array(length);
    case 'int32':
      return new Int32Array(length);
    case 'bool':
      return new Uint8Array(length);
  }
}

/** Convert a JS number to the value `dtype` stores (truncation toward zero for integers, like a C cast). */
export function castScalar(value: number, dtype: DType): number {
  switch (dtype) {
    case 'float32':
      return Math.fround(value);
    case 'float64':
      return value;
    case 'int64':
    case 'int32':
      return Math.trunc(value) + 0; // + 0 turns -0 into 0: integers have no negative zero
    case 'bool':
      return value !== 0 ? 1 : 0;
  }
}

const RANK: Record<DType, number> = { bool: 0, int32: 1, int64: 2, float32: 3, float64: 4 };

/**
 * PyTorch's result type for two tensor operands of equal dimensionality category.
 *
 * @pytorch torch.promote_types
 * @example
 * ```ts
 * const d = promoteTypes('int64', 'float32'); // 'float32'
 * ```
 */
export function promoteTypes(a: DType, b: DType): DType {
  return RANK[a] >= RANK[b] ? a : b;
}

/** The dtype true division, exp, log and friends produce for an input dtype (ints go to float32). */
export function toFloatingDType(dtype: DType): DType {
  return isFloatingDType(dtype) ? dtype : DEFAULT_DTYPE;
}
