// Every public export is documented (summary, `@pytorch`, `@example`; CONTRIBUTING.md, "Documenting
// an export") or listed in api-docs-baseline.json, the baseline only shrinks, and every `@example`
// type-checks against its package's exports: the check runs
// scripts/check-api-docs.mjs over the packages and, to show it can fail, over a package it makes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const script = join(root, 'scripts/check-api-docs.mjs');

function run(args: string[]): { code: number; output: string } {
  try {
    return { code: 0, output: execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', stdio: 'pipe' }) };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, output: err.stdout + err.stderr };
  }
}

it('every public export is documented or in the baseline, and no baseline entry is documented', () => {
  const { code, output } = run([]);
  expect(output).toMatch(/api docs: \d+ of \d+ exports documented/);
  expect(code).toBe(0);
});

it('fails on an undocumented export outside the baseline, a documented one inside it, a wrong example', () => {
  const dir = mkdtempSync(join(tmpdir(), 'api-docs-'));
  mkdirSync(join(dir, 'demo/src'), { recursive: true });
  writeFileSync(join(dir, 'demo/package.json'), JSON.stringify({ name: '@demo/pkg', version: '0.0.0' }));
  writeFileSync(
    join(dir, 'demo/src/index.ts'),
    [
      '/**',
      ' * Adds one.',
      ' * @pytorch torch.add',
      ' * @example',
      ' * ```ts',
      ' * addOne(1); // 2',
      ' * ```',
      ' */',
      'export function addOne(x: number): number { return x + 1; }',
      '/** Subtracts one. @pytorch torch.sub */',
      'export const subOne = (x: number): number => x - 1;',
      'export interface Bare { x: number }',
      '/**',
      ' * Doubles.',
      ' * @pytorch torch.mul',
      ' * @example',
      ' * ```ts',
      " * const text: string = double(2);",
      ' * ```',
      ' */',
      'export function double(x: number): number { return 2 * x; }',
      '/**',
      ' * Triples.',
      ' * @pytorch torch.mul',
      ' * @example',
      ' * ```ts',
      ' * triple(2); // see @demo/pkg',
      ' * ```',
      ' */',
      'export function triple(x: number): number { return 3 * x; }',
      '',
    ].join('\n'),
  );
  const baseline = join(dir, 'baseline.json');
  writeFileSync(baseline, JSON.stringify({ '@demo/pkg': ['addOne', 'subOne'] }));
  const { code, output } = run(['--packages', dir, '--baseline', baseline]);
  expect(code).toBe(1);
  expect(output).toContain('@demo/pkg Bare: no summary, no @pytorch, no @example');
  expect(output).toContain('@demo/pkg addOne: documented (or no longer exported) but still in the baseline');
  expect(output).not.toContain('subOne');
  expect(output).toMatch(/@demo\/pkg double: @example does not type-check: Type 'number' is not assignable to type 'string'/);
  expect(output).toContain("@demo/pkg triple: @example is not one closed ```ts fence");
  expect(output).toContain('4 api doc problem(s)');

  // --shrink-baseline drops the documented entry but never adds the new one
  expect(run(['--packages', dir, '--baseline', baseline, '--shrink-baseline']).code).toBe(1);
  expect(JSON.parse(readFileSync(baseline, 'utf8'))).toEqual({ '@demo/pkg': ['subOne'] });
});
