// Python-style warnings without Node imports: process.emitWarning where a Node-like `process`
// exists (so `--no-warnings` and 'warning' listeners work), console.warn otherwise (browsers).

interface WarningProcess {
  emitWarning(message: string, type?: string): void;
}
interface WarningConsole {
  warn(...data: unknown[]): void;
}

/** Emit `message` as a `UserWarning`, as Python's `warnings.warn(message)`. */
export function userWarning(message: string): void {
  const g = globalThis as { process?: Partial<WarningProcess>; console?: Partial<WarningConsole> };
  const emit = g.process?.emitWarning;
  if (typeof emit === 'function') {
    emit.call(g.process, message, 'UserWarning');
    return;
  }
  if (typeof g.console?.warn === 'function') g.console.warn(`UserWarning: ${message}`);
}
