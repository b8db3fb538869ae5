// `pnpm release` end to end, against a registry this test starts itself: verdaccio on a free
// localhost port, with temporary storage, no uplinks (fully offline) and anonymous publish. On a
// scratch copy of the repository (manifests, changesets, the built packages; never the repository
// itself), `changeset version` writes the release, then `changeset publish` (the second half of the
// root `release` script; turbo has built the packages before this test runs) publishes it through
// `pnpm publish` with an npmrc that points at the local registry and holds a dummy token. Then
// `torchlet` is installed from that registry with npm into a scratch project outside the workspace
// and runs the tutorial's first step as ES module and as CommonJS.
// Every child process gets its own npmrc, cache and `npm_config_registry`; the test asserts the
// registry URL npm and pnpm see and that every installed tarball came from the local registry.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const changesetBin = join(root, 'node_modules', '@changesets', 'cli', 'bin.js');
const verdaccioBin = join(import.meta.dirname, '..', 'node_modules', 'verdaccio', 'bin', 'verdaccio');

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  publishConfig?: Record<string, unknown>;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8')) as T;

const published = readdirSync(join(root, 'packages'))
  .map((dir) => ({ dir: `packages/${dir}`, manifest: readJson<Manifest>(join(root, 'packages', dir, 'package.json')) }))
  .filter((p) => !p.manifest.private);

/** Workspace folders (entries `dir/*` or `dir` of pnpm-workspace.yaml) holding a package.json. */
function workspaceDirs(base: string): string[] {
  const yaml = readFileSync(join(base, 'pnpm-workspace.yaml'), 'utf8');
  const dirs: string[] = [];
  for (const [, pattern] of yaml.matchAll(/^\s+-\s+['"]?([^'"\s]+)['"]?\s*$/gm)) {
    const parents = pattern!.endsWith('/*') ? [pattern!.slice(0, -2)] : [];
    if (parents.length === 0 && existsSync(join(base, pattern!, 'package.json'))) dirs.push(pattern!);
    for (const parent of parents.filter((p) => existsSync(join(base, p)))) {
      for (const entry of readdirSync(join(base, parent), { withFileTypes: true })) {
        if (entry.isDirectory() && existsSync(join(base, parent, entry.name, 'package.json'))) dirs.push(`${parent}/${entry.name}`);
      }
    }
  }
  return dirs;
}

let scratch = '';
let registryUrl = '';
let registry: ChildProcess | undefined;
let skipReason = '';
let repoStatusBefore = '';

const DEAD_PROXY = 'http://127.0.0.1:9';

/** The environment of every command here: only the local registry, our npmrc, our cache. */
function env(): NodeJS.ProcessEnv {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_config_|npm_package_|pnpm_config_)/i.test(key) && !/^(NPM_TOKEN|NODE_AUTH_TOKEN|(HTTPS?|NO|ALL)_PROXY)$/i.test(key)),
  );
  return {
    ...clean,
    npm_config_registry: registryUrl,
    npm_config_userconfig: join(scratch, 'npmrc'),
    npm_config_globalconfig: join(scratch, 'npmrc-global'),
    npm_config_cache: join(scratch, 'npm-cache'),
    npm_config_store_dir: join(scratch, 'pnpm-store'),
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    // anything not addressed to the local registry goes to a proxy that is not there (port 9, the
    // discard port, closed): a request to registry.npmjs.org fails instead of leaving the machine
    npm_config_proxy: DEAD_PROXY,
    npm_config_https_proxy: DEAD_PROXY,
    npm_config_noproxy: '127.0.0.1',
    HTTP_PROXY: DEAD_PROXY,
    HTTPS_PROXY: DEAD_PROXY,
    NO_PROXY: '127.0.0.1',
    // provenance needs GitHub's OIDC token (the release workflow has it); a local publish has none
    NPM_CONFIG_PROVENANCE: 'false',
    GIT_AUTHOR_NAME: 'release-check',
    GIT_AUTHOR_EMAIL: 'release-check@localhost',
    GIT_COMMITTER_NAME: 'release-check',
    GIT_COMMITTER_EMAIL: 'release-check@localhost',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
  };
}

/** Run a command; on failure the error carries its output so the test says why. */
function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, env: env(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts verdaccio; resolves with '' once it answers, or with the reason it did not start. */
async function startRegistry(): Promise<string> {
  if (!existsSync(verdaccioBin)) return `verdaccio is not installed (${verdaccioBin})`;
  const port = await freePort();
  registryUrl = `http://127.0.0.1:${port}/`;
  const dir = join(scratch, 'verdaccio');
  mkdirSync(join(dir, 'storage'), { recursive: true });
  const config = [
    `storage: ${join(dir, 'storage')}`,
    'auth:',
    '  htpasswd:',
    `    file: ${join(dir, 'htpasswd')}`,
    '    max_users: -1',
    'uplinks: {}',
    'packages:',
    "  '**':",
    '    access: $all',
    '    publish: $all',
    '    unpublish: $all',
    'server:',
    '  keepAliveTimeout: 0',
    'log: { type: stdout, format: pretty, level: warn }',
    '',
  ].join('\n');
  writeFileSync(join(dir, 'config.yaml'), config);
  let output = '';
  const child = spawn(process.execPath, [verdaccioBin, '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    env: env(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  registry = child;
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return `verdaccio exited with ${child.exitCode}:\n${output}`;
    try {
      const res = await fetch(`${registryUrl}-/ping`);
      if (res.ok) return '';
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return `verdaccio did not answer on ${registryUrl} within 30 s:\n${output}`;
}

/**
 * The scratch repository: root manifest, workspace file, lockfile and .changeset/; every published
 * package whole (built dist/ included) but its node_modules, which become links to the scratch
 * packages it depends on (pnpm publish reads their versions there to replace `workspace:*`); private
 * workspaces as their manifests only (changesets reads them and must leave them alone).
 */
function scratchRepo(): string {
  const repo = join(scratch, 'repo');
  mkdirSync(repo);
  for (const file of ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml']) cpSync(join(root, file), join(repo, file));
  cpSync(join(root, '.changeset'), join(repo, '.changeset'), { recursive: true });
  const publishedDirs = new Set(published.map((p) => p.dir));
  const workspaces = new Map(workspaceDirs(root).map((dir) => [readJson<Manifest>(join(root, dir, 'package.json')).name, dir]));
  for (const dir of workspaces.values()) {
    if (!publishedDirs.has(dir)) {
      mkdirSync(join(repo, dir), { recursive: true });
      cpSync(join(root, dir, 'package.json'), join(repo, dir, 'package.json'));
      continue;
    }
    cpSync(join(root, dir), join(repo, dir), {
      recursive: true,
      filter: (src) => !/[/\\](node_modules|\.turbo)$/.test(src),
    });
    const manifest = readJson<Manifest>(join(root, dir, 'package.json'));
    const fields = [manifest.dependencies, manifest.devDependencies, manifest.peerDependencies, manifest.optionalDependencies];
    for (const dep of new Set(fields.flatMap((field) => Object.keys(field ?? {})))) {
      const target = workspaces.get(dep);
      if (!target) continue;
      const link = join(repo, dir, 'node_modules', dep);
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(relative(dirname(link), join(repo, target)), link, 'dir');
    }
  }
  // what the release workflow gets from actions/setup-node and NPM_TOKEN, pointed at verdaccio
  const host = registryUrl.replace(/^https?:/, '');
  writeFileSync(join(repo, '.npmrc'), `registry=${registryUrl}\n${host}:_authToken=dummy-local-token\n`);
  writeFileSync(join(repo, '.gitignore'), 'node_modules\n');
  return repo;
}

const tutorial = `const { torch, nn, optim } = TORCHLET;
const inputs = torch.randn([10, 3]);
const targets = torch.tensor([1, 0, 2, 1, 0, 2, 1, 0, 2, 1]);
const model = new nn.Linear(3, 3);
const criterion = new nn.CrossEntropyLoss();
const optimizer = new optim.SGD(model.parameters(), { lr: 0.01 });
const before = model.weight.toTypedArray().slice();
optimizer.zeroGrad();
const loss = criterion.forward(model.forward(inputs), targets);
loss.backward();
optimizer.step();
const moved = model.weight.toTypedArray().some((w, i) => w !== before[i]);
console.log(JSON.stringify({ loss: loss.item(), moved }));
`;

/** git status of what this test copies from (other tests may write elsewhere while it runs). */
const repoStatus = () =>
  execFileSync('git', ['status', '--porcelain', '--ignored=no', '--', 'package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml', '.changeset', 'packages', '.npmrc'], {
    cwd: root,
    encoding: 'utf8',
  });

let repo = '';
let plan = new Map<string, string>();
let publishOutput = '';

beforeAll(async () => {
  repoStatusBefore = repoStatus();
  scratch = mkdtempSync(join(tmpdir(), 'torchlet-publish-'));
  writeFileSync(join(scratch, 'npmrc-global'), '');
  skipReason = await startRegistry();
  if (skipReason) return;
  const host = registryUrl.replace(/^https?:/, '');
  writeFileSync(join(scratch, 'npmrc'), `registry=${registryUrl}\n${host}:_authToken=dummy-local-token\n`);
  repo = scratchRepo();
}, 60_000);

afterAll(() => {
  if (registry && registry.exitCode === null) registry.kill('SIGTERM');
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('pnpm release against a local registry', () => {
  it('is the build of every published package (with its Node ESM wrappers), then changeset publish', (ctx) => {
    const rootManifest = readJson<Manifest>(join(root, 'package.json'));
    expect(rootManifest.scripts?.release).toBe('turbo run build && changeset publish');
    for (const { manifest } of published) {
      expect(manifest.scripts?.build, manifest.name).toMatch(/node \.\.\/\.\.\/scripts\/write-node-esm-wrappers\.mjs$/);
      expect(manifest.publishConfig, manifest.name).toEqual({ access: 'public', provenance: true });
    }
    if (skipReason) {
      console.log(`skipped: verdaccio could not start: ${skipReason}`);
      ctx.skip();
    }
  });

  it('talks to the local registry only', (ctx) => {
    if (skipReason) return ctx.skip();
    expect(registryUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(run('npm', ['config', 'get', 'registry'], repo).trim()).toBe(registryUrl);
    expect(run('pnpm', ['config', 'get', 'registry'], repo).trim()).toBe(registryUrl);
    // and the real registry is out of reach
    expect(() => run('npm', ['view', 'typescript', 'version', '--registry', 'https://registry.npmjs.org/', '--fetch-retries', '0'], repo)).toThrow(/ECONNREFUSED 127\.0\.0\.1:9/);
  });

  it('versions the release with changeset version (0.x) on the scratch copy', (ctx) => {
    if (skipReason) return ctx.skip();
    run('node', [changesetBin, 'version'], repo);
    plan = new Map(published.map((p) => [p.manifest.name, readJson<Manifest>(join(repo, p.dir, 'package.json')).version]));
    for (const [name, version] of plan) expect(version, name).toMatch(/^0\.[1-9]\d*\.\d+$/);
    // provenance needs GitHub's OIDC token, which only the release workflow has
    for (const { dir } of published) {
      const file = join(repo, dir, 'package.json');
      const manifest = readJson<Manifest>(file);
      delete manifest.publishConfig?.provenance;
      writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
    }
    // changeset publish tags the release in git, as it will in the workflow
    run('git', ['init', '-q', '-b', 'main'], repo);
    run('git', ['add', '-A'], repo);
    run('git', ['commit', '-q', '-m', 'Version Packages'], repo);
  });

  it('publishes every package with changeset publish, tagging each release', async (ctx) => {
    if (skipReason || plan.size === 0) return ctx.skip();
    publishOutput = run('node', [changesetBin, 'publish'], repo);
    const tags = run('git', ['tag', '--list'], repo).split('\n').filter(Boolean).sort();
    expect(tags).toEqual([...plan].map(([name, version]) => `${name}@${version}`).sort());
    for (const [name, version] of plan) {
      const res = await fetch(`${registryUrl}${name.replace('/', '%2f')}`);
      expect(res.status, `${name} on the local registry\n${publishOutput}`).toBe(200);
      const packument = (await res.json()) as { 'dist-tags': Record<string, string>; versions: Record<string, Manifest & { dist: { tarball: string } }> };
      expect(packument['dist-tags'].latest, name).toBe(version);
      const meta = packument.versions[version]!;
      expect(meta.dist.tarball.startsWith(registryUrl), meta.dist.tarball).toBe(true);
      // workspace:* became the exact versions of this release
      for (const [dep, spec] of Object.entries(meta.dependencies ?? {})) {
        if (plan.has(dep)) expect(spec, `${name} -> ${dep}`).toBe(plan.get(dep));
      }
    }
  }, 120_000);

  it('installs torchlet alone with npm outside the workspace and runs the tutorial step (ESM and CommonJS)', (ctx) => {
    if (skipReason || plan.size === 0) return ctx.skip();
    const project = join(scratch, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', version: '1.0.0', private: true }));
    writeFileSync(join(project, '.npmrc'), `registry=${registryUrl}\n`);
    expect(run('npm', ['config', 'get', 'registry'], project).trim()).toBe(registryUrl);
    run('npm', ['install', '--no-audit', '--no-fund', 'torchlet'], project);
    const lock = readJson<{ packages: Record<string, { version?: string; resolved?: string }> }>(join(project, 'package-lock.json'));
    const installed = Object.entries(lock.packages).filter(([path]) => path !== '');
    expect(installed.map(([path]) => path.replace(/^node_modules\//, '')).sort()).toEqual(
      [...plan.keys()].filter((name) => name !== '@torchlet/webgpu').sort(),
    );
    for (const [path, entry] of installed) {
      expect(entry.resolved?.startsWith(registryUrl), `${path} resolved from ${entry.resolved}`).toBe(true);
      expect(entry.version, path).toBe(plan.get(path.replace(/^node_modules\//, '')));
    }
    // the build's Node ESM wrappers are in the published tarballs
    for (const name of plan.keys()) {
      if (name === '@torchlet/webgpu') continue;
      expect(existsSync(join(project, 'node_modules', name, 'dist', 'index.node.js')), `${name}/dist/index.node.js`).toBe(true);
    }
    writeFileSync(join(project, 'tutorial.mjs'), `import * as TORCHLET from 'torchlet';\n${tutorial}`);
    writeFileSync(join(project, 'tutorial.cjs'), `const TORCHLET = require('torchlet');\n${tutorial}`);
    for (const file of ['tutorial.mjs', 'tutorial.cjs']) {
      const result = JSON.parse(run('node', [file], project)) as { loss: number; moved: boolean };
      expect(Number.isFinite(result.loss) && result.loss > 0, file).toBe(true);
      expect(result.moved, file).toBe(true);
    }
  }, 120_000);

  it('leaves the repository as it was', () => {
    expect(repoStatus()).toBe(repoStatusBefore);
  });
});
