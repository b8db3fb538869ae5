import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface TorchPython {
  python: string;
  torchVersion: string;
}

export const INSTALL_HINT =
  'PyTorch was not found. --parity runs the same training in PyTorch with Debian\'s python3-torch:\n' +
  '  apt-get update && apt-get install -y python3-torch\n' +
  'then run again (it uses /usr/bin/python3.11; set TORCHLET_PYTHON to use another Python that has torch).';

/** Interpreters to try, in order: $TORCHLET_PYTHON alone if set, else Debian's own python3.11, python3. */
function candidates(): string[] {
  const fromEnv = process.env.TORCHLET_PYTHON;
  if (fromEnv) return [fromEnv];
  return ['/usr/bin/python3.11', '/usr/bin/python3', 'python3.11', 'python3'].filter((p) => !p.startsWith('/') || existsSync(p));
}

/** The first Python that imports torch, or null. */
export function findTorchPython(): TorchPython | null {
  for (const python of candidates()) {
    const r = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 120_000 });
    if (r.status === 0 && r.stdout.trim()) return { python, torchVersion: r.stdout.trim() };
  }
  return null;
}
