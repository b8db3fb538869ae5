// The training worker: the page stays responsive while it trains. It answers 'init' with the
// backend it found, then runs one job at a time, reporting every epoch.
import type { FromWorker, ToWorker } from './protocol.js';
import { pickBackend } from './train/backend.js';
import { runJob } from './train/run.js';

const post = (message: FromWorker): void => postMessage(message);
let device: 'cpu' | 'webgpu' = 'cpu';
let queue: Promise<void> = Promise.resolve();

async function handle(message: ToWorker): Promise<void> {
  if (message.type === 'init') {
    const report = await pickBackend(message.backend);
    device = report.device;
    post({ type: 'ready', report });
    return;
  }
  const { id, job } = message;
  try {
    const result = await runJob(job, device, {
      data: (summary) => post({ type: 'data', id, summary }),
      epoch: (report) => post({ type: 'epoch', id, report }),
    });
    post({ type: 'done', id, ...result });
  } catch (e) {
    post({ type: 'error', id, message: e instanceof Error ? e.message : String(e) });
  }
}

addEventListener('message', (event: MessageEvent<ToWorker>) => {
  queue = queue.then(() => handle(event.data));
});
