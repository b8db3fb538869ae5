/**
 * Errors that name the argument, what was expected and what was received.
 * Every bad-input error thrown by torchlet is a TorchletError (or a subclass), so callers can
 * tell them from bugs. The subclasses follow the Python exception PyTorch raises in the same case.
 */
export class TorchletError extends Error {
  override name = 'TorchletError';
}

/** Shapes that cannot be combined (broadcasting, matmul inner dims, size mismatches). */
export class ShapeError extends TorchletError {
  override name = 'ShapeError';
}

/** A dtype the operation does not accept. */
export class DTypeError extends TorchletError {
  override name = 'DTypeError';
}

/** A dim or an index outside its range (PyTorch's IndexError). */
export class IndexError extends TorchletError {
  override name = 'IndexError';
}

/** A value outside its valid range: a negative size, a probability above 1... (PyTorch's ValueError). */
export class ValueError extends TorchletError {
  override name = 'ValueError';
}

export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** Throw "op(): argument 'name' expected X, got Y" as the given TorchletError class. */
export function argError(
  op: string,
  argument: string,
  expected: string,
  actual: string,
  ErrorClass: new (message: string) => TorchletError = TorchletError,
): never {
  throw new ErrorClass(`${op}(): argument '${argument}' expected ${expected}, got ${actual}`);
}
