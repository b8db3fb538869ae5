// PyTorch's dtype names as constants (`torch.float32`, `torch.long`, ...). torchlet's dtypes are
// plain strings, so `torch.float64` is just `'float64'`: pass either to `{ dtype }` options.
import type { DType } from '@torchlet/tensor-core';

export const float32 = 'float32' as const satisfies DType;
export const float64 = 'float64' as const satisfies DType;
export const int64 = 'int64' as const satisfies DType;
export const int32 = 'int32' as const satisfies DType;
export const bool = 'bool' as const satisfies DType;

// PyTorch's aliases: torch.float, torch.double, torch.long, torch.int.
export const float = float32;
export const double = float64;
export const long = int64;
export const int = int32;
