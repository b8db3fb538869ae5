// Device-side index errors (CUDA's device-side asserts): a kernel that meets an index outside its
// range skips that element and records the error into a small storage buffer of the context (the
// first error wins: later ones, in the same dispatch or after, are dropped until it is read). Every
// read back copies that buffer in its own submission, then clears it, and rejects when it was set.
import { IndexError, ValueError, type TorchletError } from '@torchlet/tensor-core';

/** Words of the error buffer: flag, kernel, value, size, where (dim or position), aux (ignoreIndex). */
export const ERROR_WORDS = 8;
export const ERROR_BYTES = ERROR_WORDS * 4;

/** Kernel codes written into the error buffer (0 means no error). */
export const IndexKernel = {
  gather: 1,
  scatter: 2,
  scatterAdd: 3,
  indexSelect: 4,
  embedding: 5,
  embeddingBackward: 6,
  crossEntropyForward: 7,
  crossEntropyBackward: 8,
  ctcLoss: 9,
  oneHot: 10,
} as const;
export type IndexKernelName = keyof typeof IndexKernel;

/** WGSL of the error buffer at `binding` and `index_error(kernel, value, size, at, aux)`. */
export function errorDeclarations(binding: number): string {
  return `@group(0) @binding(${binding}) var<storage, read_write> errs: array<atomic<u32>>;
fn index_error(kernel: u32, value: i32, size: i32, at: i32, aux: i32) {
  if (atomicExchange(&errs[0], 1u) == 0u) {
    atomicStore(&errs[1], kernel);
    atomicStore(&errs[2], bitcast<u32>(value));
    atomicStore(&errs[3], bitcast<u32>(size));
    atomicStore(&errs[4], bitcast<u32>(at));
    atomicStore(&errs[5], bitcast<u32>(aux));
  }
}`;
}

/** WGSL call recording an error of `kernel` (its other arguments WGSL i32 expressions). */
export function reportIndex(kernel: IndexKernelName, value: string, size: string, at = '0', aux = '0'): string {
  return `index_error(${IndexKernel[kernel]}u, ${value}, ${size}, ${at}, ${aux});`;
}

const DETECTED = 'on webgpu; detected when reading back';

function message(kernel: number, value: number, size: number, at: number, aux: number): string {
  switch (kernel) {
    case IndexKernel.gather:
    case IndexKernel.scatter:
    case IndexKernel.scatterAdd: {
      const op = kernel === IndexKernel.gather ? 'gather' : kernel === IndexKernel.scatter ? 'scatter' : 'scatterAdd';
      return `index ${value} is out of bounds for dimension ${at} with size ${size} (${op} ${DETECTED})`;
    }
    case IndexKernel.indexSelect:
      return `index out of range in self: index ${value} for dimension ${at} with size ${size} (indexSelect ${DETECTED})`;
    case IndexKernel.embedding:
    case IndexKernel.embeddingBackward: {
      const op = kernel === IndexKernel.embedding ? 'embedding' : 'embeddingBackward';
      return `index out of range in self: index ${value}, ${size} rows (${op} ${DETECTED})`;
    }
    case IndexKernel.crossEntropyForward:
    case IndexKernel.crossEntropyBackward: {
      const op = kernel === IndexKernel.crossEntropyForward ? 'crossEntropyForward' : 'crossEntropyBackward';
      return `Target ${value} is out of bounds: argument 'target' expected class indices in [0, ${size - 1}] or ignoreIndex ${aux}, got ${value} at flat position ${at} (${op} ${DETECTED})`;
    }
    case IndexKernel.ctcLoss:
      return `ctcLoss(): argument 'targets' expected labels in [0, ${size - 1}], got ${value} at position ${at} of sample ${aux} (ctcLoss ${DETECTED})`;
    case IndexKernel.oneHot:
      return value < 0
        ? `oneHot(): argument 'input' expected non-negative class values (Class values must be non-negative.), got class value ${value} (oneHot ${DETECTED})`
        : `oneHot(): argument 'input' expected class values smaller than numClasses (${size}) (Class values must be smaller than num_classes.), got class value ${value} (oneHot ${DETECTED})`;
    default:
      return `an index was out of range in a kernel (code ${kernel}; ${DETECTED})`;
  }
}

/** The error the words of the error buffer record, or null when none is set. */
export function decodeIndexError(words: Uint32Array): TorchletError | null {
  if (words[0] === 0) return null;
  const i = new Int32Array(words.buffer, words.byteOffset, ERROR_WORDS);
  // a bad class value is a ValueError, as oneHot's check on the CPU
  if (words[1] === IndexKernel.oneHot) return new ValueError(message(words[1], i[2], i[3], i[4], i[5]));
  return new IndexError(message(words[1], i[2], i[3], i[4], i[5]));
}

