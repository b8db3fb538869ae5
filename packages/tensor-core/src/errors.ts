/**
 * Errors that name the argument, what was expected and what was received.
 * Every bad-input error thrown by torchlet is a TorchletError (or a subclass), so callers can
 * tell them from bugs. The subclasses follow the Python exception PyTorch raises in the same case.
 *
 * @pytorch RuntimeError (the base of the errors PyTorch raises)
 * @example
 * ```ts
 * try {
 *   zeros([2]).add(zeros([3]));
 * } catch (e) {
 *   const ours = e instanceof TorchletError; // true (a ShapeError)
 * }
 * ```
 */
export class TorchletError extends Error {
  override name = 'TorchletError';
}

/**
 * Shapes that cannot be combined (broadcasting, matmul inner dims, size mismatches).
 *
 * @pytorch RuntimeError about sizes ("The size of tensor a (2) must match ...")
 * @example
 * ```ts
 * try {
 *   zeros([2]).add(zeros([3]));
 * } catch (e) {
 *   const shapes = e instanceof ShapeError; // true
 * }
 * ```
 */
export class ShapeError extends TorchletError {
  override name = 'ShapeError';
}

/**
 * A dtype the operation does not accept.
 *
 * @pytorch RuntimeError / TypeError about dtypes ("expected scalar type Float but found Long")
 * @example
 * ```ts
 * try {
 *   tensor([1, 2]).softmax(0); // int64
 * } catch (e) {
 *   const dtypes = e instanceof DTypeError; // true
 * }
 * ```
 */
export class DTypeError extends TorchletError {
  override name = 'DTypeError';
}

/**
 * A dim or an index outside its range (PyTorch's IndexError).
 *
 * @pytorch IndexError
 * @example
 * ```ts
 * try {
 *   zeros([2]).select(0, 5);
 * } catch (e) {
 *   const index = e instanceof IndexError; // true
 * }
 * ```
 */
export class IndexError extends TorchletError {
  override name = 'IndexError';
}

/**
 * A value outside its valid range: a negative size, a probability above 1... (PyTorch's ValueError).
 *
 * @pytorch ValueError
 * @example
 * ```ts
 * try {
 *   linspace(0, 1, -1);
 * } catch (e) {
 *   const value = e instanceof ValueError; // true
 * }
 * ```
 */
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
