// The README's "What is where" table is the contract: every member it lists exists in its
// namespace, and every value the namespaces export is listed somewhere.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as torchlet from '../src/index.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## What is where'), readme.indexOf('## Where torchlet differs'));

interface Row {
  namespace: string;
  what: string;
  members: string[];
}

const rows: Row[] = section
  .split('\n')
  .filter((line) => /^\| `[A-Za-z.]+` \|/.test(line))
  .map((line) => {
    const [namespace, what, members] = line.split('|').slice(1, 4).map((cell) => cell.trim());
    return {
      namespace: namespace.replace(/`/g, ''),
      what,
      members: [...members.matchAll(/`([A-Za-z_][A-Za-z0-9_]*)`/g)].map((m) => m[1]),
    };
  });

const NAMESPACES: Record<string, object> = {
  torch: torchlet.torch,
  'torch.autograd': torchlet.torch.autograd,
  'torch.backends': torchlet.torch.backends,
  nn: torchlet.nn,
  'nn.init': torchlet.nn.init,
  'nn.utils': torchlet.nn.utils,
  'nn.utils.rnn': torchlet.nn.utils.rnn,
  F: torchlet.F,
  optim: torchlet.optim,
  'optim.lrScheduler': torchlet.optim.lrScheduler,
  'optim.swaUtils': torchlet.optim.swaUtils,
};

describe('README: What is where', () => {
  it('has a row for every namespace', () => {
    expect([...new Set(rows.map((r) => r.namespace))].sort()).toEqual(Object.keys(NAMESPACES).sort());
  });

  it.each(rows.map((r) => [`${r.namespace} (${r.what})`, r] as const))('%s: every listed member exists', (_name, r) => {
    const ns = NAMESPACES[r.namespace] as Record<string, unknown>;
    expect(r.members.filter((m) => ns[m] === undefined)).toEqual([]);
  });

  it.each(Object.entries(NAMESPACES))('%s: every member is listed', (name, ns) => {
    const listed = new Set(rows.filter((r) => r.namespace === name).flatMap((r) => r.members));
    expect(Object.keys(ns).filter((k) => !listed.has(k)).sort()).toEqual([]);
  });
});
