// A vitest reporter that prints, at the end of the run, how many cases ran per package, one line per
// project (backend) when the run has several:
//   conformance [cpu]: tensor-core 1451 cases (1200 passed, 251 failed), autograd 40 cases (40 passed); other tests: properties 14 (14 passed)
// Tests are grouped by their folder under test/ (test/<package>/...). A folder with a matching
// fixtures/<package>/ folder counts as fixture cases, so later packages are counted automatically.
import { existsSync, readFileSync } from 'node:fs';
import { WEBGPU_CASE_GAPS, WEBGPU_FILE_GAPS, usesFloat64 } from './device-gaps.js';
import type { FixtureCase } from './fixtures.js';
import { join, relative, sep } from 'node:path';
import type { Reporter, TestModule } from 'vitest/node';

interface Tally {
  total: number;
  passed: number;
  failed: number;
  skipped: number;
}

function describeTally(t: Tally): string {
  const parts = [`${t.passed} passed`];
  if (t.failed) parts.push(`${t.failed} failed`);
  if (t.skipped) parts.push(`${t.skipped} skipped`);
  return parts.join(', ');
}

export class CaseCountReporter implements Reporter {
  constructor(private readonly root: string) {}

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const projects = [...new Set(testModules.map((mod) => mod.project.name))].sort();
    for (const project of projects) {
      const modules = testModules.filter((mod) => mod.project.name === project);
      const label = projects.length > 1 || project !== '' ? `conformance [${project}]` : 'conformance';
      process.stdout.write(`\n${this.line(label, modules)}\n`);
      const gaps = project === 'webgpu' ? this.webgpuGaps() : null;
      if (gaps !== null) process.stdout.write(`${gaps}\n`);
    }
  }

  /** How many cases (without float64) src/device-gaps.ts keeps off webgpu, per fixture (null when none). */
  private webgpuGaps(): string | null {
    if (WEBGPU_CASE_GAPS.length === 0 && WEBGPU_FILE_GAPS.length === 0) return null;
    const counts = new Map<string, number>();
    const add = (fixture: string, n: number) => counts.set(fixture, (counts.get(fixture) ?? 0) + n);
    const casesOf = (fixture: string): FixtureCase[] => {
      const [pkg, name] = fixture.split('/');
      return (JSON.parse(readFileSync(join(this.root, 'fixtures', pkg, `${name}.json`), 'utf8')) as { cases: FixtureCase[] }).cases.filter((c) => !usesFloat64(c));
    };
    for (const g of WEBGPU_CASE_GAPS) add(g.fixture, casesOf(g.fixture).filter((c) => g.ids.test(c.id)).length);
    for (const g of WEBGPU_FILE_GAPS) add(g.fixture, casesOf(g.fixture).length);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const parts = [...counts].map(([f, n]) => `${f} ${n}`).join(', ');
    return `conformance [webgpu]: not on webgpu yet: ${total} float32/int cases (${parts}); reasons in conformance/src/device-gaps.ts`;
  }

  private line(label: string, testModules: ReadonlyArray<TestModule>): string {
    const tallies = new Map<string, Tally>();
    for (const mod of testModules) {
      const rel = relative(join(this.root, 'test'), mod.moduleId).split(sep);
      const group = rel.length > 1 && rel[0] !== '..' ? rel[0] : '(top level)';
      const tally = tallies.get(group) ?? { total: 0, passed: 0, failed: 0, skipped: 0 };
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        tally.total++;
        if (state === 'passed') tally.passed++;
        else if (state === 'failed') tally.failed++;
        else tally.skipped++;
      }
      tallies.set(group, tally);
    }
    const fixtureGroups: string[] = [];
    const otherGroups: string[] = [];
    for (const [group, t] of [...tallies].sort(([a], [b]) => a.localeCompare(b))) {
      if (existsSync(join(this.root, 'fixtures', group))) {
        fixtureGroups.push(`${group} ${t.total} cases (${describeTally(t)})`);
      } else {
        otherGroups.push(`${group} ${t.total} (${describeTally(t)})`);
      }
    }
    let line = `${label}: ${fixtureGroups.length ? fixtureGroups.join(', ') : 'no fixture cases ran'}`;
    if (otherGroups.length) line += `; other tests: ${otherGroups.join(', ')}`;
    return line;
  }
}
