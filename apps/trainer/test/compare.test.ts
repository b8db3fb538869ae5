import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';

describe('compare', () => {
  it('trains each default loss on the imbalanced split and prints one table and one plot', async () => {
    const out = tempDir('compare');
    const r = await runCli(['compare', '--imbalance', '0.2', '--epochs', '20', '--out', out, '--name', 'cmp', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const label of ['cross-entropy', 'focal', 'multi-margin', 'cross-entropy+balanced']) {
      expect(r.stdout).toContain(label);
      expect(existsSync(join(out, 'cmp', label, 'model.safetensors'))).toBe(true);
    }
    expect(r.stdout).toMatch(/macro-F1/);
    expect(readFileSync(join(out, 'cmp', 'compare.svg'), 'utf8')).toMatch(/^<svg/);
    const csv = readFileSync(join(out, 'cmp', 'compare.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(5);
  });
});
