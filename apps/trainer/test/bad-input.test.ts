import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

/** Every bad command line exits 2, prints the message and a one-line hint to --help (not the usage), and writes nothing. */
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
  { name: 'heads not dividing hidden size', args: ['--dataset', 'names', '--model', 'transformer', '--heads', '3'], message: /--heads must divide --hidden-size: 3 does not divide 64/ },
  { name: 'sequence sizes on an mlp', args: ['--hidden-size', '32'], message: /--hidden-size apply to --model lstm and transformer only/ },
  { name: 'parity with transformer dropout', args: ['--dataset', 'names', '--model', 'transformer', '--parity'], message: /--parity with --model transformer needs --dropout 0/ },
  { name: 'dropout on the lstm', args: ['--dataset', 'names', '--model', 'lstm', '--dropout', '0.2'], message: /--heads, --ff-size and --dropout apply to --model transformer only/ },
  { name: 'per-class on iris', args: ['--per-class', '10'], message: /--per-class applies to --dataset digits and names only/ },
  { name: 'alpha of the wrong length', args: ['--loss', 'focal', '--alpha', '1,2'], message: /--alpha needs 1 value or one per class/ },
];

describe('bad input', () => {
  for (const c of CASES) {
    it(`${c.name}: exit 2 with the error and a hint to --help, nothing written`, async () => {
      const out = tempDir('bad');
      const r = await runCli([...c.args, '--out', join(out, 'runs')], {}, out);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(c.message);
      // the error stays on screen: no usage after it, only a hint
      expect(r.stderr).not.toMatch(/Usage:/);
      expect(r.stderr).toMatch(/\(run 'torchlet-train( train| compare)? --help' for usage\)/);
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
      expect(r.stdout).toBe('');
      expect(readdirSync(out)).toEqual([]);
    });
  }

  it('--out naming an existing file: one line naming it, exit 2, no stack trace', async () => {
    const out = tempDir('outfile');
    const file = join(out, 'not-a-folder');
    writeFileSync(file, 'x');
    for (const args of [['--out', file], ['--out', join(file, 'sub')], ['compare', '--out', file]]) {
      const r = await runCli([...args, '--epochs', '1', '--quiet'], {}, out);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^error: --out: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is a file, not a folder`));
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stdout).toBe('');
    }
    expect(readFileSync(file, 'utf8')).toBe('x');
    expect(readdirSync(out)).toEqual(['not-a-folder']);
  });

  it('a corrupt or truncated checkpoint given to --resume: one line naming it, exit 2, no stack trace', async () => {
    const out = tempDir('corrupt');
    const made = await runCli(['--epochs', '2', '--out', out, '--name', 'run', '--quiet']);
    expect(made.status).toBe(0);
    const ckpt = join(out, 'run', 'checkpoint.safetensors');
    const good = readFileSync(ckpt);
    const variants: [string, Buffer][] = [
      ['truncated', good.subarray(0, Math.floor(good.length / 2))],
      ['empty', Buffer.alloc(0)],
      ['garbage', Buffer.from('this is not a safetensors file at all, just text')],
      ['no trainer metadata', readFileSync(join(out, 'run', 'model.safetensors'))],
    ];
    for (const [what, bytes] of variants) {
      writeFileSync(ckpt, bytes);
      const before = readdirSync(join(out, 'run')).sort();
      const r = await runCli(['--resume', join(out, 'run'), '--epochs', '3', '--quiet']);
      expect(r.status, what).toBe(2);
      expect(r.stderr.trim().split('\n'), what).toHaveLength(1);
      expect(r.stderr, what).toMatch(/^error: --resume: checkpoint .*checkpoint\.safetensors cannot be resumed from: \S/);
      expect(r.stderr, what).not.toMatch(/\n\s+at /);
      expect(readdirSync(join(out, 'run')).sort(), what).toEqual(before);
    }
  });

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
