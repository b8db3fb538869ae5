import { DTYPES, isDType, type DType } from '../dtype.js';
import { TorchletError, argError } from '../errors.js';
import { checkDevice, type Device } from '../device.js';
import type { Tensor } from '../tensor.js';

/**
 * Validate the trailing options argument of a creation function and return its dtype (undefined
 * when not given). Catches PyTorch-style varargs from plain JS, e.g. `randn(10, 3)`, where `3`
 * would otherwise be read as the options and the shape silently become [10].
 */
export function dtypeOption(op: string, options: { dtype?: DType } | undefined): DType | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TorchletError(
      `${op}(): argument 'options' expected an options object such as { dtype: 'float64' }, got ${describe(options)}` +
        (typeof options === 'number' ? ` (shapes are arrays: ${op}([..., ${options}]))` : ''),
    );
  }
  const dtype = options.dtype;
  if (dtype === undefined) return undefined;
  if (!isDType(dtype)) argError(op, 'dtype', `one of ${DTYPES.join(', ')}`, describe(dtype));
  return dtype;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return String(value);
}

/** The `requiresGrad` and `device` options of the creation functions. */
export interface RequiresGradOptions {
  /** Make the result a leaf that requires grad (floating dtypes; needs @torchlet/autograd installed). */
  requiresGrad?: boolean;
  /** Where the result's storage lives (default 'cpu'; 'webgpu' once @torchlet/webgpu initialised it). */
  device?: Device;
}

/** A freshly created tensor on the device the options name, a leaf that requires grad when they ask for it. */
export function leaf(t: Tensor, options: RequiresGradOptions | undefined, op: string): Tensor {
  const device = options?.device === undefined ? 'cpu' : checkDevice(op, 'device', options.device);
  // made on the CPU, then uploaded: the device backend sees one write
  const placed = device === 'cpu' ? t : t.to(device);
  if (options?.requiresGrad === true) placed.requiresGrad_(true);
  return placed;
}

/** A `*Like` function's options: the device defaults to the source tensor's, as in PyTorch. */
export function likeDevice<O extends RequiresGradOptions>(like: Tensor, options: O | undefined): O | RequiresGradOptions {
  if (options?.device !== undefined || like.device === 'cpu') return options ?? {};
  return { ...options, device: like.device };
}
