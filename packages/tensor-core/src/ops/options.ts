import { DTYPES, isDType, type DType } from '../dtype.js';
import { TorchletError, ValueError, argError } from '../errors.js';
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
  checkOptionKeys(op, options, creationOptionKeys(op));
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

/**
 * The `requiresGrad` and `device` options every creation function takes.
 *
 * @pytorch the requires_grad and device arguments of torch.zeros, ...
 * @example
 * ```ts
 * const options: RequiresGradOptions = { device: 'cpu' };
 * const z = scalarTensor(0, 'float32', options);
 * ```
 */
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

/** The options a creation function takes: every one dtype, requiresGrad, device; tensor() a shape, the random ones a generator. */
function creationOptionKeys(op: string): readonly string[] {
  const common = ['dtype', 'requiresGrad', 'device'];
  if (op === 'tensor') return [...common, 'shape'];
  if (op.startsWith('rand')) return [...common, 'generator'];
  return common;
}

/** `weight_decay` -> `weightDecay`: PyTorch's keyword spelled the way torchlet's options are. */
function camelCase(key: string): string {
  return key.replace(/_+([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * For an unknown option `key`: ` (did you mean 'weightDecay'? ...)` when `known` has its camelCase
 * (or differently cased) spelling, else ''.
 */
export function optionSuggestion(key: string, known: readonly string[]): string {
  const camel = camelCase(key);
  const lower = key.toLowerCase().replace(/_/g, '');
  const match = known.find((k) => k === camel || k.toLowerCase() === lower);
  return match === undefined ? '' : ` (did you mean '${match}'? options are PyTorch's keyword arguments in camelCase)`;
}

/**
 * Refuse an options object's unknown keys, as PyTorch raises TypeError on an unexpected keyword
 * argument (silently ignoring one would train something else than the user asked for): the error
 * names the key, the camelCase name when one matches (`weight_decay` -> `weightDecay`), and what
 * the function takes. `undefined` and `null` pass; anything but a plain options object is left to
 * the caller's own check.
 */
export function checkOptionKeys(op: string, options: unknown, known: readonly string[]): void {
  if (options === undefined || options === null || typeof options !== 'object' || Array.isArray(options)) return;
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const hint = optionSuggestion(key, known);
    const takes = known.length > 0 ? `it takes ${known.map((k) => `'${k}'`).join(', ')}` : 'it takes no options';
    throw new ValueError(`${op}(): unexpected option '${key}'${hint}; ${takes}`);
  }
}
