/** Placeholder for ops being written; nothing exported from the package calls it once done. */
export function notImplemented(op: string): never {
  throw new Error(`${op}() is not implemented yet`);
}
