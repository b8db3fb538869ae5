// Grad mode: whether ops record the graph (torch.is_grad_enabled / no_grad / enable_grad).
let enabled = true;

/** Whether operations on tensors that require grad are recorded for backward. */
export function isGradEnabled(): boolean {
  return enabled;
}

/** Turn recording on or off globally (torch.set_grad_enabled); returns the previous flag. */
export function setGradEnabled(flag: boolean): boolean {
  const previous = enabled;
  enabled = flag;
  return previous;
}

/** Run `fn` with recording off (torch.no_grad), restoring the previous mode even if it throws. */
export function noGrad<T>(fn: () => T): T {
  const previous = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

/** Run `fn` with recording on (torch.enable_grad), e.g. inside a `noGrad` block. */
export function enableGrad<T>(fn: () => T): T {
  const previous = enabled;
  enabled = true;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}
