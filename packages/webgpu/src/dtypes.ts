// How each dtype is stored on the GPU: one 32-bit word per element.
//
// | dtype   | WGSL element | note                                                              |
// |---------|--------------|-------------------------------------------------------------------|
// | float32 | f32          |                                                                   |
// | int32   | i32          |                                                                   |
// | int64   | i32          | checked on upload: values past int32's range are refused          |
// | bool    | u32          | 0 or 1                                                            |
// | float64 | (refused)    | WebGPU has no f64: keep float64 tensors on the CPU (as PyTorch's MPS) |
import { TorchletError, type DType, type DataArray } from '@torchlet/tensor-core';

export type WgslScalar = 'f32' | 'i32' | 'u32';

export function float64Error(op: string): TorchletError {
  return new TorchletError(
    `${op}: float64 is not supported on 'webgpu' (WebGPU has no 64-bit floats; PyTorch's MPS device refuses it too): keep float64 tensors on the CPU, or convert them first with .to('float32')`,
  );
}

/** The WGSL type of a dtype's elements (float64: the clear error). */
export function wgslType(dtype: DType, op = 'webgpu'): WgslScalar {
  switch (dtype) {
    case 'float32':
      return 'f32';
    case 'int32':
    case 'int64':
      return 'i32';
    case 'bool':
      return 'u32';
    case 'float64':
      throw float64Error(op);
  }
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** `data` as the GPU's 32-bit words (a typed array over its own buffer, or `data` itself). */
export function toWords(data: DataArray, dtype: DType): Float32Array | Int32Array | Uint32Array {
  switch (dtype) {
    case 'float32':
    case 'int32':
      return data as Float32Array | Int32Array;
    case 'int64': {
      const out = new Int32Array(data.length);
      for (let i = 0; i < data.length; i++) {
        const v = data[i];
        if (v < INT32_MIN || v > INT32_MAX) {
          throw new TorchletError(
            `upload to 'webgpu': int64 elements are stored as int32 on the GPU, and element ${i} is ${v}, outside [-2^31, 2^31 - 1]: keep this tensor on the CPU`,
          );
        }
        out[i] = v;
      }
      return out;
    }
    case 'bool':
      return Uint32Array.from(data as Uint8Array);
    case 'float64':
      throw float64Error('upload');
  }
}

/** The typed array of `dtype` (tensor-core's storage type) holding `length` words read back. */
export function fromWords(bytes: ArrayBuffer, dtype: DType, length: number): DataArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(bytes, 0, length).slice();
    case 'int32':
      return new Int32Array(bytes, 0, length).slice();
    case 'int64':
      return Float64Array.from(new Int32Array(bytes, 0, length));
    case 'bool':
      return Uint8Array.from(new Uint32Array(bytes, 0, length));
    case 'float64':
      throw float64Error('read');
  }
}
