import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

/** Every bad command line exits 2, prints the message and the usage, and writes nothing. */
const CASES: { name: string; args: string[]; message: RegExp }[] = [
  { name: 'unknown flag', args: ['--bogus'], message: /unknown option '--bogus'/ },
  { name: 'negative lr', args: ['--lr', '-0.1'], message: /--lr.*must be > 0/ },
  { name: 'non-numeric lr', args: ['--lr', 'fast'], message: /--lr.*expected a number/ },
  { name: 'unknown loss', args: ['--loss', 'hinge2'], message: /--loss.*hinge2.*(Allowed choices|choices)/ },
  { name: 'batch size 0', args: ['--batch-size', '0'], message: /--batch-size.*integer >= 1/ },
  { name: 'fractional epochs', args: ['--epochs', '2.5'], message: /--epochs.*integer >= 1/ },
  { name: 'imbalance out of range', args: ['--imbalance', '1.5'], message: /--imbalance.*\(0, 1\]/ },
  { name: 'missing run folder', args: ['--resume', 'no-such-run'], message: /run folder 'no-such-run' not found/ },
  { name: 'cnn on iris', args: ['--model', 'cnn'], message: /--model cnn needs image input/ },
  { name: 'nesterov without momentum', args: ['--optimizer', 'sgd', '--nesterov'], message: /--nesterov needs/ },
  { name: 'unknown command argument', args: ['compare', '--losses', 'cross-entropy,bogus'], message: /unknown loss 'bogus'/ },
  { name: 'alpha of the wrong length', args: ['--loss', 'focal', '--alpha', '1,2'], message: /--alpha needs 1 value or one per class/ },
];

describe('bad input', () => {
  for (const c of CASES) {
    it(`${c.name}: exit 2 with usage, nothing written`, async () => {
      const out = tempDir('bad');
      const r = await runCli([...c.args, '--out', join(out, 'runs')], {}, out);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(c.message);
      expect(r.stderr).toMatch(/Usage: torchlet-train/);
      expect(r.stdout).toBe('');
      expect(readdirSync(out)).toEqual([]);
    });
  }

  it('--help prints usage and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: torchlet-train/);
    expect(r.stdout).toMatch(/compare/);
    const t = await runCli(['train', '--help']);
    expect(t.status).toBe(0);
    expect(t.stdout).toMatch(/--loss <name>/);
    expect(t.stdout).toMatch(/--resume <run>/);
  });

  it('--parity without PyTorch says how to install it, exits non-zero and writes nothing', async () => {
    const out = tempDir('noparity');
    const r = await runCli(['--parity', '--epochs', '1', '--out', join(out, 'runs')], { TORCHLET_PYTHON: join(out, 'no-python') }, out);
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/apt-get install -y python3-torch/);
    expect(existsSync(join(out, 'runs'))).toBe(false);
  });
});
