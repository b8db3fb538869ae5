// `pnpm fixtures`: run the PyTorch fixture generator with Debian's python3.11 (which has torch).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const candidates = [process.env.TORCHLET_PYTHON, '/usr/bin/python3.11', '/bin/python3.11'].filter(Boolean);
const python = candidates.find((p) => existsSync(p));
const probe = python && spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
if (!python || probe.status !== 0) {
  console.error(
    'The fixture generator needs PyTorch from Debian:\n' +
      '  apt-get update && apt-get install -y python3-torch libopenblas0-pthread\n' +
      'then run `pnpm fixtures` again (or set TORCHLET_PYTHON to a python with torch).',
  );
  process.exit(1);
}
const result = spawnSync(python, [join(here, '..', 'generator', 'generate.py'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
