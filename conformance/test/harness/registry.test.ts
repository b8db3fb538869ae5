// Every op named by a tensor-core fixture has a replay entry (src/tensor-core/ops*.ts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, loadFixture } from '../../src/fixtures.js';
import type { OpCase } from '../../src/tensor-core/case.js';
import { OPS } from '../../src/tensor-core/ops.js';

const families = readdirSync(join(FIXTURES_DIR, 'tensor-core'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -5))
  .filter((name) => loadFixture<OpCase>('tensor-core', name).generator.includes('/tc_'));

describe('replay registry', () => {
  it.each(families)('covers every op of fixtures/tensor-core/%s.json', (family) => {
    const ops = new Set(loadFixture<OpCase>('tensor-core', family).cases.map((c) => c.op));
    expect([...ops].filter((op) => OPS[op] === undefined)).toEqual([]);
  });
});
