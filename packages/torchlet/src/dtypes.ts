// PyTorch's dtype names as constants (`torch.float32`, `torch.long`, ...). torchlet's dtypes are
// plain strings, so `torch.float64` is just `'float64'`: pass either to `{ dtype }` options.
import type { DType } from '@torchlet/tensor-core';

/**
 * The 32-bit floating point dtype, by PyTorch's name: the string 'float32'.
 *
 * @pytorch torch.float32
 * @example
 * ```ts
 * const x = zeros([2], { dtype: float32 });
 * const same = x.dtype === float32; // true
 * ```
 */
export const float32 = 'float32' as const satisfies DType;
/**
 * The 64-bit floating point dtype, by PyTorch's name: the string 'float64'.
 *
 * @pytorch torch.float64
 * @example
 * ```ts
 * const x = zeros([2], { dtype: float64 });
 * const same = x.dtype === float64; // true
 * ```
 */
export const float64 = 'float64' as const satisfies DType;
/**
 * The 64-bit integer dtype, by PyTorch's name: the string 'int64'.
 *
 * @pytorch torch.int64
 * @example
 * ```ts
 * const x = zeros([2], { dtype: int64 });
 * const same = x.dtype === int64; // true
 * ```
 */
export const int64 = 'int64' as const satisfies DType;
/**
 * The 32-bit integer dtype, by PyTorch's name: the string 'int32'.
 *
 * @pytorch torch.int32
 * @example
 * ```ts
 * const x = zeros([2], { dtype: int32 });
 * const same = x.dtype === int32; // true
 * ```
 */
export const int32 = 'int32' as const satisfies DType;
/**
 * The boolean dtype, by PyTorch's name: the string 'bool'.
 *
 * @pytorch torch.bool
 * @example
 * ```ts
 * const x = zeros([2], { dtype: bool });
 * const same = x.dtype === bool; // true
 * ```
 */
export const bool = 'bool' as const satisfies DType;

// PyTorch's aliases: torch.float, torch.double, torch.long, torch.int.
/**
 * The 32-bit floating point (alias of `float32`) dtype, by PyTorch's name: the string 'float32'.
 *
 * @pytorch torch.float
 * @example
 * ```ts
 * const x = zeros([2], { dtype: float });
 * const same = x.dtype === float; // true
 * ```
 */
export const float = float32;
/**
 * The 64-bit floating point (alias of `float64`) dtype, by PyTorch's name: the string 'float64'.
 *
 * @pytorch torch.double
 * @example
 * ```ts
 * const x = zeros([2], { dtype: double });
 * const same = x.dtype === double; // true
 * ```
 */
export const double = float64;
/**
 * The 64-bit integer (alias of `int64`) dtype, by PyTorch's name: the string 'int64'.
 *
 * @pytorch torch.long
 * @example
 * ```ts
 * const x = zeros([2], { dtype: long });
 * const same = x.dtype === long; // true
 * ```
 */
export const long = int64;
/**
 * The 32-bit integer (alias of `int32`) dtype, by PyTorch's name: the string 'int32'.
 *
 * @pytorch torch.int
 * @example
 * ```ts
 * const x = zeros([2], { dtype: int });
 * const same = x.dtype === int; // true
 * ```
 */
export const int = int32;
