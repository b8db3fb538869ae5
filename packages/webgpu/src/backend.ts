// The DeviceBackend of 'webgpu': storage (allocate, upload, read back) and every kernel, each
// checking the device first (lost, disposed, or an earlier asynchronous error such as out of memory).
import type { DType, DataArray, DeviceBackend, DeviceStorage } from '@torchlet/tensor-core';
import type { GpuContext } from './context.js';
import { fromWords, toWords, wgslType } from './dtypes.js';
import { binary, binaryScalar, clamp, fill, softplus, ternary, thresholdBackward, unary, where } from './kernels/elementwise.js';
import { gather, indexSelect, oneHot, scatter } from './kernels/indexing.js';
import { matmul, matmulAddRow } from './kernels/matmul.js';
import { adamUpdate, sgdUpdate } from './kernels/optim.js';
import { embedding, embeddingBackward, gelu, geluBackward } from './kernels/nn.js';
import { col2im, im2col } from './kernels/conv.js';
import { avgPool2d, avgPool2dBackward, maxPool2d, maxPool2dBackward } from './kernels/pool.js';
import { adaptiveAvgPool2d, adaptiveAvgPool2dBackward } from './kernels/adaptive-pool.js';
import { adaptiveMaxPool2d, adaptiveMaxPool2dBackward } from './kernels/adaptive-max-pool.js';
import { batchNorm, batchNormBackward, batchNormMoments } from './kernels/batch-norm.js';
import { crossEntropyBackwardDevice, crossEntropyForwardDevice } from './kernels/loss.js';
import { ctcLossBackward, ctcLossForward } from './kernels/ctc.js';
import { argReduce, reduce, variance } from './kernels/reduce.js';
import { softmax } from './kernels/softmax.js';
import { unavailableKernels } from './kernels/unavailable.js';
import { MAP_READ_MODE, BufferUsage } from './usage.js';
import { WebGPUStorage } from './buffers.js';
import { TorchletError } from '@torchlet/tensor-core';
import { ERROR_BYTES, decodeIndexError } from './index-errors.js';
import { releasedError } from './storage-of.js';

type Kernel<A extends unknown[]> = (ctx: GpuContext, ...args: A) => void;

function bound<A extends unknown[]>(ctx: GpuContext, kernel: Kernel<A>): (...args: A) => void {
  return (...args: A) => ctx.kernelCall(() => kernel(ctx, ...args));
}

function own(storage: DeviceStorage, ctx: GpuContext): WebGPUStorage {
  if (!(storage instanceof WebGPUStorage) || storage.context !== ctx) {
    throw new TorchletError("this tensor's 'webgpu' storage belongs to an earlier initWebGPU() (a device since disposed or lost): recreate it on the current device");
  }
  if (storage.released) throw releasedError();
  return storage;
}

export function createWebGPUBackend(ctx: GpuContext): DeviceBackend {
  return {
    name: 'webgpu',
    device: 'webgpu',
    // WebGPU has no f64: the op layer keeps its double intermediates in the input's dtype here
    float64: false,
    allocate(dtype: DType, length: number, zeroed = true): DeviceStorage {
      wgslType(dtype, 'allocate');
      // not cleared when the op's kernel writes every element (a clear is a full pass over memory)
      return ctx.pool.allocate(dtype, length, zeroed);
    },
    upload(data: DataArray, dtype: DType): DeviceStorage {
      const words = toWords(data, dtype);
      const storage = ctx.pool.allocate(dtype, data.length, false);
      if (data.length > 0) {
        const bytes = data.length * 4;
        const staging = ctx.device.createBuffer({ size: bytes, usage: BufferUsage.COPY_SRC, mappedAtCreation: true });
        new Uint8Array(staging.getMappedRange()).set(new Uint8Array(words.buffer, words.byteOffset, bytes));
        staging.unmap();
        ctx.commandEncoder().copyBufferToBuffer(staging, 0, storage.buffer, 0, bytes);
        ctx.destroyAfterSubmit(staging);
      }
      return storage;
    },
    release(storage: DeviceStorage): void {
      // storage of an earlier (disposed) device went with it; this device's goes back to its pool
      if (storage instanceof WebGPUStorage) storage.context.pool.releaseStorage(storage);
    },
    async read(storage: DeviceStorage): Promise<DataArray> {
      ctx.check();
      const s = own(storage, ctx);
      const bytes = Math.max(4, s.length * 4);
      // the device-side index errors travel in the same submission, after the data; then cleared
      const staging = ctx.device.createBuffer({ size: bytes + ERROR_BYTES, usage: BufferUsage.MAP_READ | BufferUsage.COPY_DST });
      const encoder = ctx.commandEncoder();
      encoder.copyBufferToBuffer(s.buffer, 0, staging, 0, bytes);
      encoder.copyBufferToBuffer(ctx.errors, 0, staging, bytes, ERROR_BYTES);
      encoder.clearBuffer(ctx.errors);
      ctx.flush();
      try {
        await staging.mapAsync(MAP_READ_MODE);
      } catch (cause) {
        ctx.check();
        throw new TorchletError(`webgpu: reading a tensor back failed: ${String(cause)}`);
      }
      const mapped = staging.getMappedRange();
      const indexError = decodeIndexError(new Uint32Array(mapped.slice(bytes, bytes + ERROR_BYTES)));
      const data = fromWords(mapped, s.dtype, s.length);
      staging.unmap();
      staging.destroy();
      ctx.check();
      if (indexError !== null) throw indexError;
      return data;
    },
    unary: bound(ctx, unary),
    binary: bound(ctx, binary),
    binaryScalar: bound(ctx, binaryScalar),
    ternary: bound(ctx, ternary),
    fill: bound(ctx, fill),
    clamp: bound(ctx, clamp),
    softplus: bound(ctx, softplus),
    where: bound(ctx, where),
    reduce: bound(ctx, reduce),
    variance: bound(ctx, variance),
    argReduce: bound(ctx, argReduce),
    matmul: bound(ctx, matmul),
    softmax: bound(ctx, softmax),
    gather: bound(ctx, gather),
    scatter: bound(ctx, scatter),
    indexSelect: bound(ctx, indexSelect),
    oneHot: bound(ctx, oneHot),
    thresholdBackward: bound(ctx, thresholdBackward),
    matmulAddRow: bound(ctx, matmulAddRow),
    sgdUpdate: bound(ctx, sgdUpdate),
    adamUpdate: bound(ctx, adamUpdate),
    gelu: bound(ctx, gelu),
    geluBackward: bound(ctx, geluBackward),
    embedding: bound(ctx, embedding),
    embeddingBackward: bound(ctx, embeddingBackward),
    im2col: bound(ctx, im2col),
    col2im: bound(ctx, col2im),
    maxPool2d: bound(ctx, maxPool2d),
    maxPool2dBackward: bound(ctx, maxPool2dBackward),
    avgPool2d: bound(ctx, avgPool2d),
    avgPool2dBackward: bound(ctx, avgPool2dBackward),
    adaptiveAvgPool2d: bound(ctx, adaptiveAvgPool2d),
    adaptiveAvgPool2dBackward: bound(ctx, adaptiveAvgPool2dBackward),
    adaptiveMaxPool2d: bound(ctx, adaptiveMaxPool2d),
    adaptiveMaxPool2dBackward: bound(ctx, adaptiveMaxPool2dBackward),
    batchNormMoments: bound(ctx, batchNormMoments),
    batchNorm: bound(ctx, batchNorm),
    batchNormBackward: bound(ctx, batchNormBackward),
    crossEntropyForwardDevice: bound(ctx, crossEntropyForwardDevice),
    crossEntropyBackwardDevice: bound(ctx, crossEntropyBackwardDevice),
    ctcLossForward: bound(ctx, ctcLossForward),
    ctcLossBackward: bound(ctx, ctcLossBackward),
    ...unavailableKernels(),
  };
}
