// The published shape of each package, checked the way a user meets it: `pnpm pack`, install the
// tarballs into a scratch project outside the workspace, then `import`, `require` and type-check.
// turbo builds the packages first (this package's test depends on ^build).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = join(import.meta.dirname, '..', '..', '..');
const packagesDir = join(repoRoot, 'packages');
const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
const bin = (name: string) => join(import.meta.dirname, '..', 'node_modules', '.bin', name);

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  engines?: Record<string, string>;
  files?: string[];
  exports?: Record<string, unknown>;
}

const published = readdirSync(packagesDir)
  .map((dir) => ({ dir: join(packagesDir, dir), manifest: JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')) as Manifest }))
  .filter((p) => !p.manifest.private);

let scratch = '';
const tarballs = new Map<string, string>();

/** Run a command; on failure the error carries its stdout and stderr so the test output says why. */
function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'torchlet-pack-'));
  const packDir = join(scratch, 'tarballs');
  for (const { dir, manifest } of published) {
    if (!existsSync(join(dir, 'dist'))) throw new Error(`${manifest.name} is not built (dist/ missing); run pnpm build`);
    const out = run('pnpm', ['pack', '--pack-destination', packDir], dir).trim().split('\n').pop() ?? '';
    tarballs.set(manifest.name, out.trim());
  }
  const project = join(scratch, 'project');
  run('mkdir', ['-p', project], scratch);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true }));
  run('npm', ['install', '--no-audit', '--no-fund', '--offline', '--no-package-lock', ...tarballs.values()], project);
}, 240_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe.each(published.map((p) => p.manifest.name))('%s packed and installed', (name) => {
  const project = () => join(scratch, 'project');

  it('ships dist, README and package.json but no tests, sources or fixtures', () => {
    const listing = run('tar', ['-tzf', tarballs.get(name) ?? ''], scratch).split('\n').filter(Boolean);
    expect(listing).toContain('package/package.json');
    expect(listing).toContain('package/README.md');
    expect(listing.some((f) => f.startsWith('package/dist/index.js'))).toBe(true);
    expect(listing.filter((f) => /\/(test|src|fixtures)\//.test(f) || /\.test\./.test(f))).toEqual([]);
  });

  it('pins the torchlet packages it depends on to their exact versions', () => {
    const packed = JSON.parse(run('tar', ['-xzOf', tarballs.get(name) ?? '', 'package/package.json'], scratch)) as Manifest;
    // torchlet packages are exact dependencies, never peers (a third-party peer such as webgpu's
    // optional `webgpu` is fine)
    const torchletPeers = Object.keys(packed.peerDependencies ?? {}).filter((dep) => published.some((p) => p.manifest.name === dep));
    expect(torchletPeers).toEqual([]);
    for (const [dep, spec] of Object.entries(packed.dependencies ?? {})) {
      const target = published.find((p) => p.manifest.name === dep);
      if (target) expect(spec, `${name} -> ${dep}`).toBe(target.manifest.version);
    }
  });

  it('passes publint (strict) and arethetypeswrong in every resolution mode', () => {
    const tarball = tarballs.get(name) ?? '';
    expect(run(bin('publint'), ['run', '--strict', tarball], scratch)).toContain('All good!');
    expect(run(bin('attw'), [tarball, '--format', 'ascii', '--no-emoji', '--no-color'], scratch)).toContain('No problems found');
  });

  it('declares the Node versions it supports', () => {
    const packed = JSON.parse(run('tar', ['-xzOf', tarballs.get(name) ?? '', 'package/package.json'], scratch)) as Manifest;
    expect(packed.engines?.node).toBe('>=20');
  });

  it('loads through import and require with the same export names', () => {
    const esm = run('node', ['--input-type=module', '-e', `import * as m from '${name}'; console.log(JSON.stringify(Object.keys(m).sort()))`], project());
    const cjs = run('node', ['-e', `console.log(JSON.stringify(Object.keys(require('${name}')).sort()))`], project());
    const esmKeys = JSON.parse(esm) as string[];
    expect(esmKeys.length).toBeGreaterThan(0);
    expect(JSON.parse(cjs)).toEqual(esmKeys);
  });

  it('type-checks a consumer under node16 resolution, as ESM and as CommonJS', () => {
    const dir = project();
    for (const [file, kind] of [['consumer.mts', 'esm'], ['consumer.cts', 'cjs']] as const) {
      const source =
        kind === 'esm'
          ? `import * as m from '${name}';\nconst keys: string[] = Object.keys(m);\nexport { keys };\n`
          : `import m = require('${name}');\nconst keys: string[] = Object.keys(m);\nexport = keys;\n`;
      writeFileSync(join(dir, file), source);
    }
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'node16', moduleResolution: 'node16', strict: true, noEmit: true, types: [] }, files: ['consumer.mts', 'consumer.cts'] }),
    );
    expect(() => run('node', [tsc, '-p', 'tsconfig.json'], dir)).not.toThrow();
  });
});

describe('a user of the torchlet tarball', () => {
  // The tutorial's step, written as a user would, type-checked with namespace types in type
  // positions (nn.Linear, torch.Tensor) and then run from the installed tarballs (ESM and CJS).
  // The same source as .mts and .cts: TypeScript compiles the import to require() in the .cts file.
  const program = () => `import { torch, nn, optim } from 'torchlet';
const inputs: torch.Tensor = torch.randn([10, 3]);
const targets = torch.tensor([1, 0, 2, 1, 0, 2, 1, 0, 2, 1]);
const model: nn.Linear = new nn.Linear(3, 3);
const criterion: nn.CrossEntropyLoss = new nn.CrossEntropyLoss();
const optimizer: optim.SGD = new optim.SGD(model.parameters(), { lr: 0.01 });
const before = model.weight.toTypedArray().slice();
optimizer.zeroGrad();
const loss = criterion.forward(model.forward(inputs), targets);
loss.backward();
optimizer.step();
const moved = model.weight.toTypedArray().some((w: number, i: number) => w !== before[i]);
console.log(JSON.stringify({ loss: loss.item(), moved }));
`;

  // Each package has two entry points (index and internal) sharing modules: the Tensor class, the
  // storage version counters, grad mode. In both module formats they must be one copy, or relu's
  // backward (a tensor-core internal helper) rejects tensors from the index's class and in-place
  // changes go unseen by autograd's version checks.
  const shared = () => `import { torch } from 'torchlet';
const x = torch.randn([2, 3], { requiresGrad: true });
x.mul(2).relu().sum().backward();
const y = x.exp();
y.add_(1);
let versionChecked = false;
try {
  y.sum().backward();
} catch (e) {
  versionChecked = /inplace operation/.test(String(e));
}
console.log(JSON.stringify({ grad: Array.from(x.grad!.toTypedArray()).length, versionChecked }));
`;

  // A program whose first line asks for gradients, as a PyTorch program may: torchlet's creation
  // functions install autograd (nothing else has yet, and importing torchlet does not).
  const firstLine = () => `import { torch } from 'torchlet';
const w = torch.tensor([0.5, -1.5, 2], { requiresGrad: true });
const b = torch.zeros(3).requiresGrad_();
w.mul(w).add(b).sum().backward();
console.log(JSON.stringify({ w: Array.from(w.grad!.toTypedArray()), b: Array.from(b.grad!.toTypedArray()), leaf: w.isLeaf }));
`;

  /**
   * `source` as name.mts and name.cts, type-checked strictly against the installed tarballs, then
   * run as ESM and as CommonJS: each run's JSON output, in that order.
   */
  function compileAndRun(name: string, source: string): unknown[] {
    const dir = join(scratch, 'project');
    writeFileSync(join(dir, `${name}.mts`), source);
    writeFileSync(join(dir, `${name}.cts`), source);
    writeFileSync(
      join(dir, `tsconfig.${name}.json`),
      JSON.stringify({
        compilerOptions: { module: 'node16', moduleResolution: 'node16', target: 'es2022', strict: true, types: [], outDir: 'out' },
        files: [`${name}.mts`, `${name}.cts`],
      }),
    );
    expect(() => run('node', [tsc, '-p', `tsconfig.${name}.json`], dir)).not.toThrow();
    return [`out/${name}.mjs`, `out/${name}.cjs`].map((file) => JSON.parse(run('node', [file], dir)) as unknown);
  }

  it('shares one copy of each package\'s modules between its entry points, as ESM and as CommonJS', () => {
    expect(compileAndRun('shared', shared())).toEqual([{ grad: 6, versionChecked: true }, { grad: 6, versionChecked: true }]);
  });

  it('asks for gradients on the first line of a program, as ESM and as CommonJS', () => {
    // d/dw sum(w * w + b) = 2 w, d/db = 1
    const expected = { w: [1, -3, 4], b: [1, 1, 1], leaf: true };
    expect(compileAndRun('first-line', firstLine())).toEqual([expected, expected]);
  });

  it('type-checks and runs the tutorial step as ESM and as CommonJS', () => {
    for (const result of compileAndRun('tutorial', program()) as Array<{ loss: number; moved: boolean }>) {
      expect(Number.isFinite(result.loss) && result.loss > 0).toBe(true);
      expect(result.moved).toBe(true);
    }
  });
});

describe('the CommonJS and ES module builds in one process', () => {
  // Node's `import` of every package resolves to an ES module wrapper over its CommonJS build
  // (scripts/write-node-esm-wrappers.mjs), so a tensor made through require() is the same class, op
  // table and version counters as one made through import, and either goes into any package.
  const program = `const { createRequire } = require('node:module');
(async () => {
  const cjs = require('@torchlet/tensor-core');
  const cjsInternal = require('@torchlet/tensor-core/internal');
  const esm = await import('@torchlet/tensor-core');
  const esmInternal = await import('@torchlet/tensor-core/internal');
  const { crossEntropy } = await import('@torchlet/losses');
  const { Linear } = require('@torchlet/nn-layers');
  const x = cjs.randn([4, 3]);
  const model = new Linear(3, 3);
  const logits = model.forward(esm.add(x, x));
  const loss = crossEntropy(logits, esm.tensor([0, 1, 2, 1]));
  loss.backward();
  console.log(JSON.stringify({
    sameClass: esm.Tensor === cjs.Tensor,
    sameOps: esmInternal.ops === cjsInternal.ops,
    isTensor: esmInternal.isTensor(x),
    loss: Number.isFinite(loss.item()),
    grad: model.weight.grad !== null && model.weight.grad.shape.join('x'),
  }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

  it('refuses, with an error that says why, a tensor from a second copy (both builds loaded by path, as a bundler may)', () => {
    const dir = join(scratch, 'project');
    writeFileSync(
      join(dir, 'foreign.mjs'),
      `import { createRequire } from 'node:module';
const core = new URL('./node_modules/@torchlet/tensor-core/dist/', import.meta.url);
const cjs = createRequire(import.meta.url)(new URL('index.cjs', core).pathname);
const esm = await import(new URL('index.js', core).href);
const x = cjs.randn([2, 3]);
let message = '';
try { esm.add(x, x); } catch (e) { message = e.name + ': ' + e.message; }
console.log(JSON.stringify({ message, own: esm.add(esm.ones([2]), 1).tolist() }));
`,
    );
    const { message, own } = JSON.parse(run('node', ['foreign.mjs'], dir)) as { message: string; own: number[] };
    expect(message).toMatch(/^TorchletError: got a Tensor made by another copy of @torchlet\/tensor-core/);
    expect(message).toContain('npm ls @torchlet/tensor-core');
    expect(own).toEqual([2, 2]);
  });

  it('shares one copy of each package between require() and import', () => {
    const dir = join(scratch, 'project');
    writeFileSync(join(dir, 'dual.cjs'), program);
    expect(JSON.parse(run('node', ['dual.cjs'], dir))).toEqual({ sameClass: true, sameOps: true, isTensor: true, loss: true, grad: '3x3' });
  });
});

describe.each(['npm', 'pnpm'] as const)('installed alone from the tarballs with %s', (manager) => {
  // What README's "Before the packages are on npm" tells users: depend on the package's tarball and
  // map every @torchlet package to its tarball (overrides), so that the package manager never asks
  // the registry for a torchlet package. Then the tutorial's first snippet, as ESM and as CommonJS.
  function installAlone(label: string, deps: string[]): string {
    const dir = join(scratch, `${manager}-${label}`);
    mkdirSync(dir, { recursive: true });
    const spec = (n: string) => `file:${tarballs.get(n) ?? ''}`;
    const overrides = Object.fromEntries(published.map((p) => [p.manifest.name, spec(p.manifest.name)]));
    const manifest: Record<string, unknown> = {
      name: `scratch-${label}`,
      version: '1.0.0',
      private: true,
      dependencies: Object.fromEntries(deps.map((d) => [d, spec(d)])),
      ...(manager === 'npm' ? { overrides } : { pnpm: { overrides } }),
    };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
    if (manager === 'npm') run('npm', ['install', '--no-audit', '--no-fund', '--offline'], dir);
    else run('pnpm', ['install', '--offline', '--config.confirmModulesPurge=false'], dir);
    return dir;
  }

  /** The program as .mjs (import) and .cjs (require), each run's JSON output. */
  function runBoth(dir: string, esm: string, cjs: string, body: string): unknown[] {
    writeFileSync(join(dir, 'snippet.mjs'), `${esm}\n${body}`);
    writeFileSync(join(dir, 'snippet.cjs'), `${cjs}\n${body}`);
    return ['snippet.mjs', 'snippet.cjs'].map((f) => JSON.parse(run('node', [f], dir)) as unknown);
  }

  it('@torchlet/losses (with the tensor-core it makes tensors with) runs the tutorial loss', () => {
    const dir = installAlone('losses', ['@torchlet/losses', '@torchlet/tensor-core']);
    // only what it needs: autograd and nn-layers (its loss modules are nn Modules) come with it;
    // optimizers and the aggregate do not
    for (const absent of ['@torchlet/optim', 'torchlet']) {
      expect(existsSync(join(dir, 'node_modules', absent)), absent).toBe(false);
    }
    const body = `const criterion = new CrossEntropyLoss();
const inputs = randn([10, 3]);
const targets = tensor([1, 0, 2, 1, 0, 2, 1, 0, 2, 1]);
const outputs = inputs.mul(2).requiresGrad_();
const loss = criterion.forward(outputs, targets);
loss.backward();
const nll = new NLLLoss().forward(outputs.logSoftmax(1), targets);
console.log(JSON.stringify({ loss: loss.item() > 0, same: Math.abs(loss.item() - nll.item()) < 1e-6, grad: outputs.grad.shape }));`;
    const results = runBoth(
      dir,
      `import { tensor, randn } from '@torchlet/tensor-core';\nimport { CrossEntropyLoss, NLLLoss } from '@torchlet/losses';`,
      `const { tensor, randn } = require('@torchlet/tensor-core');\nconst { CrossEntropyLoss, NLLLoss } = require('@torchlet/losses');`,
      body,
    );
    expect(results).toEqual([
      { loss: true, same: true, grad: [10, 3] },
      { loss: true, same: true, grad: [10, 3] },
    ]);
  });

  it('torchlet runs the tutorial first snippet', () => {
    const dir = installAlone('torchlet', ['torchlet']);
    const body = `const inputs = torch.randn([10, 3]);
const targets = torch.tensor([1, 0, 2, 1, 0, 2, 1, 0, 2, 1]);
const model = new nn.Linear(3, 3);
const criterion = new nn.CrossEntropyLoss();
const outputs = model.forward(inputs);
const loss = criterion.forward(outputs, targets);
const optimizer = new optim.SGD(model.parameters(), { lr: 0.01 });
const before = model.weight.toTypedArray().slice();
optimizer.zeroGrad();
loss.backward();
optimizer.step();
const moved = model.weight.toTypedArray().some((w, i) => w !== before[i]);
console.log(JSON.stringify({ loss: loss.item() > 0, moved }));`;
    const results = runBoth(dir, `import { torch, nn, optim } from 'torchlet';`, `const { torch, nn, optim } = require('torchlet');`, body);
    expect(results).toEqual([
      { loss: true, moved: true },
      { loss: true, moved: true },
    ]);
  });
});
