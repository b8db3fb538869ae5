// Typed arrays given back by scopes, by dtype and length, for the next allocation of that size
// (a fresh 4 MiB Float32Array costs about 0.4 ms to allocate and zero; a reused one, a fill or nothing).
import { allocate, type DType, type DataArray } from '../dtype.js';

/** The most bytes the pool holds; past it, given-back arrays are left to the garbage collector. */
const MAX_POOLED_BYTES = 256 << 20;

class TypedArrayPool {
  private readonly free = new Map<string, DataArray[]>();
  bytes = 0;

  take(dtype: DType, length: number, zeroed: boolean): DataArray {
    const list = this.free.get(`${dtype === 'int64' ? 'float64' : dtype}:${length}`);
    const array = list?.pop();
    if (array === undefined) return allocate(dtype, length);
    this.bytes -= array.byteLength;
    if (zeroed) array.fill(0);
    return array;
  }

  give(array: DataArray): void {
    if (this.bytes + array.byteLength > MAX_POOLED_BYTES) return;
    const key = `${dtypeOf(array)}:${array.length}`;
    let list = this.free.get(key);
    if (list === undefined) this.free.set(key, (list = []));
    list.push(array);
    this.bytes += array.byteLength;
  }
}

/** int64 and float64 share Float64Array storage, so one pool serves both. */
function dtypeOf(array: DataArray): DType {
  if (array instanceof Float32Array) return 'float32';
  if (array instanceof Float64Array) return 'float64';
  if (array instanceof Int32Array) return 'int32';
  return 'bool';
}

export const jsPool = new TypedArrayPool();
