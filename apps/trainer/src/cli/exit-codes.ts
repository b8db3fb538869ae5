/** Process exit codes of torchlet-train. */
export const EXIT = {
  ok: 0,
  /** An unexpected failure (a bug, an I/O error). */
  failure: 1,
  /** A bad command line: unknown flag, invalid value, missing run folder. Nothing was written. */
  usage: 2,
  /** Training diverged (a NaN/inf loss, or an exploding one); the last healthy checkpoint was kept. */
  diverged: 3,
  /** --parity without PyTorch installed. */
  noTorch: 4,
} as const;
