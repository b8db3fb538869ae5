import cliProgress from 'cli-progress';

export interface BatchStats {
  loss: number;
  accuracy: number;
  samplesPerSecond: number;
}

/** A progress bar per epoch (on stderr, only on a terminal) with loss, accuracy and throughput. */
export class EpochProgress {
  private bar: cliProgress.SingleBar | null = null;
  private readonly enabled: boolean;

  constructor(enabled: boolean) {
    this.enabled = enabled && process.stderr.isTTY === true;
  }

  start(label: string, totalBatches: number): void {
    if (!this.enabled) return;
    this.bar = new cliProgress.SingleBar(
      {
        format: `${label} |{bar}| {value}/{total} batches | loss {loss} | acc {acc} | {rate} samples/s`,
        barsize: 24,
        hideCursor: true,
        clearOnComplete: true,
        stream: process.stderr,
        fps: 15,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(totalBatches, 0, { loss: '-', acc: '-', rate: '-' });
  }

  update(batchesDone: number, stats: BatchStats): void {
    this.bar?.update(batchesDone, {
      loss: stats.loss.toFixed(4),
      acc: stats.accuracy.toFixed(3),
      rate: Math.round(stats.samplesPerSecond).toString(),
    });
  }

  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }
}
