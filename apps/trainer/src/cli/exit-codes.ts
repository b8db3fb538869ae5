/** Process exit codes of torchlet-train. */
export const EXIT = {
  ok: 0,
  /** An unexpected failure (a bug, an I/O error). */
  failure: 1,
  /** A bad command line: unknown flag, invalid value, missing run folder. Nothing was written. */
  usage: 2,
  /** The loss became NaN or infinite; the last good checkpoint was kept. */
  nonFinite: 3,
  /** --parity without PyTorch installed. */
  noTorch: 4,
} as const;
