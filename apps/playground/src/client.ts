// The page's side of the training worker: start it, ask for a backend, run jobs one at a time.
import type { BackendChoice, BackendReport, DataSummary, EpochReport, FromWorker, Job } from './protocol.js';

export interface JobEvents {
  data(summary: DataSummary): void;
  epoch(report: EpochReport): void;
}

export interface JobResult {
  readonly confusion: number[][];
  readonly seconds: number;
}

interface Pending {
  readonly on: JobEvents;
  resolve(result: JobResult): void;
  reject(error: Error): void;
}

export class TrainerClient {
  private worker!: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  ready!: Promise<BackendReport>;

  constructor(private readonly choice: BackendChoice) {
    this.start();
  }

  private start(): void {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    this.ready = new Promise<BackendReport>((resolve, reject) => {
      this.worker.addEventListener('error', (e) => reject(new Error(e.message || 'the training worker failed to start')), { once: true });
      this.worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
        const m = event.data;
        if (m.type === 'ready') {
          resolve(m.report);
          return;
        }
        const job = this.pending.get(m.id);
        if (job === undefined) return;
        if (m.type === 'data') job.on.data(m.summary);
        else if (m.type === 'epoch') job.on.epoch(m.report);
        else {
          this.pending.delete(m.id);
          if (m.type === 'done') job.resolve({ confusion: m.confusion, seconds: m.seconds });
          else job.reject(new Error(m.message));
        }
      });
    });
    this.worker.postMessage({ type: 'init', backend: this.choice });
  }

  /** Trains `job` in the worker, reporting the data and every epoch. */
  run(job: Job, on: JobEvents): Promise<JobResult> {
    const id = this.nextId++;
    return new Promise<JobResult>((resolve, reject) => {
      this.pending.set(id, { on, resolve, reject });
      this.worker.postMessage({ type: 'train', id, job });
    });
  }

  /** Stops whatever runs (the worker is replaced by a fresh one); pending jobs reject. */
  stop(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('stopped'));
    this.pending.clear();
    this.start();
  }
}
