// The WebGPUStorage behind a kernel's view, checked to belong to the live device.
import { TorchletError, type StridedView } from '@torchlet/tensor-core';
import { WebGPUStorage } from './buffers.js';
import type { GpuContext } from './context.js';
import { float64Error } from './dtypes.js';

export function storageOf(view: StridedView, ctx: GpuContext): WebGPUStorage {
  const s = view.storage;
  if (!(s instanceof WebGPUStorage)) {
    throw new TorchletError(`webgpu kernel: an operand is not on 'webgpu' (its storage is ${s == null ? 'on the CPU' : `on '${s.device}' of another backend`})`);
  }
  if (view.dtype === 'float64') throw float64Error('webgpu kernel');
  if (s.context !== ctx) {
    throw new TorchletError("this tensor's 'webgpu' storage belongs to an earlier initWebGPU() (a device since disposed or lost): recreate it on the current device");
  }
  if (s.released) throw releasedError();
  return s;
}

/** The error for a storage given back to the pool (its tensors were disposed). */
export function releasedError(): TorchletError {
  return new TorchletError(
    "this tensor's 'webgpu' storage was given back (its tensors were disposed by dispose() or the scope() that made them) and may hold other data now: return it from the scope, or keep() it, to use it afterwards",
  );
}
