// Grad mode: whether ops record the graph (torch.is_grad_enabled / no_grad / enable_grad).
let enabled = true;

/**
 * Whether operations on tensors that require grad are recorded for backward.
 *
 * @pytorch torch.is_grad_enabled
 * @example
 * ```ts
 * const on = isGradEnabled(); // true
 * const off = noGrad(() => isGradEnabled()); // false
 * ```
 */
export function isGradEnabled(): boolean {
  return enabled;
}

/**
 * Turn recording on or off globally (torch.set_grad_enabled); returns the previous flag.
 *
 * @pytorch torch.set_grad_enabled
 * @example
 * ```ts
 * const previous = setGradEnabled(false);
 * // ... nothing is recorded here ...
 * setGradEnabled(previous);
 * ```
 */
export function setGradEnabled(flag: boolean): boolean {
  const previous = enabled;
  enabled = flag;
  return previous;
}

/**
 * Run `fn` with recording off (torch.no_grad), restoring the previous mode even if it throws.
 *
 * @pytorch torch.autograd.no_grad
 * @example
 * ```ts
 * const x = randn([3], { requiresGrad: true });
 * const y = noGrad(() => x.mul(2)); // y.requiresGrad === false
 * ```
 */
export function noGrad<T>(fn: () => T): T {
  const previous = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

/**
 * Run `fn` with recording on (torch.enable_grad), e.g. inside a `noGrad` block.
 *
 * @pytorch torch.autograd.enable_grad
 * @example
 * ```ts
 * const x = randn([3], { requiresGrad: true });
 * const y = noGrad(() => enableGrad(() => x.mul(2))); // recorded after all
 * ```
 */
export function enableGrad<T>(fn: () => T): T {
  const previous = enabled;
  enabled = true;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}
