// torchlet in a real browser: headless Chromium (Debian's `chromium`, which .ci/run installs).
// 1. It loads the built @torchlet/tensor-core's ESM build from a local server, instantiates the wasm
//    kernels asynchronously as a page's main thread must (initWasmBackend), and compares the wasm
//    backend with the pure-TypeScript reference on a matmul, a log-softmax and an exp.
// 2. The README's browser recipe (between its browser-recipe markers) is built with vite against the
//    built `torchlet` package, as a user's app would be, and trains in the page.
// Pages report JSON in their DOM, read with --dump-dom.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { build } from 'vite';

const CHROMIUM = process.env.CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const distDir = join(dirname(createRequire(import.meta.url).resolve('@torchlet/tensor-core/package.json')), 'dist');

const PAGE = `<!doctype html>
<html><body><pre id="out">running</pre>
<script type="module">
import * as core from '/dist/index.js';
const out = document.getElementById('out');
const maxDiff = (x, y, relative) => {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]) / (relative ? Math.max(1, Math.abs(x[i])) : 1));
  return m;
};
try {
  const level = await core.initWasmBackend();
  core.manualSeed(0);
  const a = core.rand([64, 300]);
  const b = core.rand([300, 50]);
  const ops = { matmul: () => core.matmul(a, b), logSoftmax: () => core.logSoftmax(a, 1), exp: () => core.exp(a) };
  const result = { level, backend: core.getBackend().name, n: a.numel() };
  for (const [name, f] of Object.entries(ops)) {
    core.useBackend('cpu');
    const ref = f().toTypedArray();
    core.useBackend('wasm');
    result[name] = maxDiff(ref, f().toTypedArray(), true);
  }
  out.textContent = JSON.stringify(result);
} catch (e) {
  out.textContent = JSON.stringify({ error: String(e && e.message) });
}
</script></body></html>`;

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.map': 'application/json' };

let server: Server;
let origin = '';

/** Where the recipe's vite build goes (served under /recipe/). */
let recipeOut = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]));
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    if (path.startsWith('/recipe/') && recipeOut !== '') {
      const file = join(recipeOut, path.slice('/recipe/'.length) || 'index.html');
      if (!file.startsWith(recipeOut) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
      return;
    }
    const file = join(distDir, path.replace(/^\/dist\//, ''));
    if (!path.startsWith('/dist/') || !file.startsWith(distDir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server?.close();
  if (recipeOut !== '') rmSync(recipeOut, { recursive: true, force: true });
});

/**
 * The page's report, read from the DOM Chromium dumps once the page's script has run. Chromium runs
 * asynchronously: the page is served from this process, whose event loop must keep turning.
 */
async function runPage(path = '/index.html', id = 'out', flags: readonly string[] = ['--disable-gpu']): Promise<Record<string, unknown>> {
  const profile = mkdtempSync(join(tmpdir(), 'torchlet-chromium-'));
  try {
    const child = spawn(
      CHROMIUM as string,
      [
        '--headless', '--no-sandbox', ...flags, '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        `--user-data-dir=${profile}`, '--virtual-time-budget=20000', '--dump-dom', `${origin}${path}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    const match = new RegExp(`<pre id="${id}">([^<]*)</pre>`).exec(stdout);
    if (match === null) throw new Error(`no report from Chromium (exit ${String(status)}): ${stderr.slice(-500)}`);
    return JSON.parse(match[1].replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as Record<string, unknown>;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

// CI installs Chromium and must run this; a developer machine without it skips, saying so.
const available = CHROMIUM !== undefined;
if (!available && process.env.CI) throw new Error('browser-check: Chromium is not installed (.ci/run installs Debian\'s chromium)');

describe.skipIf(!available)('tensor-core in headless Chromium', () => {
  it('instantiates the wasm kernels asynchronously and matches the reference kernels', async () => {
    expect(existsSync(join(distDir, 'index.js')), 'tensor-core must be built (turbo builds it before this test)').toBe(true);
    const report = await runPage();
    expect(report.error).toBeUndefined();
    expect(report.backend).toBe('wasm');
    expect(['simd', 'relaxed-simd']).toContain(report.level);
    // float32 results: matmul accumulates in float32 (order differs from the reference), exp within
    // about an ulp, log-softmax rounded once from float64 on both sides
    expect(report.matmul).toBeLessThan(1e-5);
    expect(report.exp).toBeLessThan(1e-6);
    expect(report.logSoftmax).toBeLessThan(1e-6);
  }, 120_000);
});

/** Build a page from `main` (TypeScript importing the built packages) with vite into a temporary folder served under /recipe/. */
async function buildPage(main: string, html: string): Promise<void> {
  // the app lives beside this package so that the packages resolve from its node_modules (the built
  // packages, as installed ones would be); its build goes to a temporary folder
  const app = join(import.meta.dirname, '..', '.recipe-app');
  rmSync(app, { recursive: true, force: true });
  mkdirSync(join(app, 'src'), { recursive: true });
  writeFileSync(join(app, 'index.html'), html);
  writeFileSync(join(app, 'src', 'main.ts'), main);
  if (recipeOut !== '') rmSync(recipeOut, { recursive: true, force: true });
  recipeOut = mkdtempSync(join(tmpdir(), 'torchlet-recipe-'));
  try {
    await build({ root: app, base: '/recipe/', logLevel: 'error', configFile: false, build: { outDir: recipeOut, emptyOutDir: true, target: 'es2022' } });
  } finally {
    rmSync(app, { recursive: true, force: true });
  }
}

/** The README's browser recipe: the code between its browser-recipe markers. */
function recipeSource(): string {
  const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
  const block = /<!-- browser-recipe:start -->\s*```ts\n([\s\S]*?)```\s*<!-- browser-recipe:end -->/.exec(readme);
  if (block === null) throw new Error('README.md has no browser-recipe block');
  return block[1];
}

describe.skipIf(!available)("the README's browser recipe, built with vite", () => {
  it('trains in headless Chromium: the loss falls', async () => {
    await buildPage(recipeSource(), '<!doctype html><html><body><pre id="log">running</pre><script type="module" src="/src/main.ts"></script></body></html>');
    const report = await runPage('/recipe/index.html', 'log');
    expect(report.error).toBeUndefined();
    expect(['simd', 'relaxed-simd']).toContain(report.level);
    expect(report.last as number).toBeLessThan((report.first as number) * 0.5);
  }, 180_000);
});

// A few SGD steps of a small MLP with cross entropy on the WebGPU device (navigator.gpu; SwiftShader
// here) and, from the same seed, on the CPU: the page reports both loss sequences.
const WEBGPU_PAGE = `
import { F, nn, optim, torch } from 'torchlet';
import { initWebGPU } from '@torchlet/webgpu';

const out = document.getElementById('out') as HTMLElement;
async function train(device: 'cpu' | 'webgpu'): Promise<number[]> {
  torch.manualSeed(0);
  const model = new nn.Sequential(new nn.Linear(4, 16), new nn.ReLU(), new nn.Linear(16, 3)).to(device);
  const x = torch.randn([32, 4]).to(device);
  const y = torch.randint(0, 3, [32]).to(device);
  const opt = new optim.SGD(model.parameters(), { lr: 0.5 });
  const losses: number[] = [];
  for (let step = 0; step < 8; step++) {
    opt.zeroGrad();
    const loss = F.crossEntropy(model.forward(x), y);
    loss.backward();
    opt.step();
    losses.push(await loss.itemAsync());
  }
  return losses;
}
try {
  const info = await initWebGPU();
  const gpu = await train('webgpu');
  const cpu = await train('cpu');
  out.textContent = JSON.stringify({ adapter: info.architecture, source: info.source, gpu, cpu });
} catch (e) {
  out.textContent = JSON.stringify({ error: String(e instanceof Error ? e.message : e) });
}
`;

/**
 * The page's report once its script has replaced 'running': driven with playwright-core (pointed at
 * the installed Chromium; nothing downloads a browser), as the GPU's work finishes in real time, which
 * --dump-dom's virtual time does not wait for.
 */
async function runPageUntilDone(path: string, id: string, flags: readonly string[]): Promise<Record<string, unknown>> {
  const browser = await chromium.launch({ executablePath: CHROMIUM as string, args: ['--no-sandbox', ...flags] });
  try {
    const page = await browser.newPage();
    await page.goto(`${origin}${path}`);
    // a string, evaluated in the page (this package's types have no DOM)
    await page.waitForFunction(`document.getElementById(${JSON.stringify(id)})?.textContent !== 'running'`, undefined, { timeout: 150_000 });
    const text = await page.locator(`#${id}`).innerText();
    return JSON.parse(text) as Record<string, unknown>;
  } finally {
    await browser.close();
  }
}

/** Chromium's SwiftShader WebGPU adapter (a CPU Vulkan driver: no GPU needed). */
const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader'];

describe.skipIf(!available)('a training step on the WebGPU device in headless Chromium', () => {
  it('trains through navigator.gpu with the losses of the CPU', async () => {
    await buildPage(WEBGPU_PAGE, '<!doctype html><html><body><pre id="out">running</pre><script type="module" src="/src/main.ts"></script></body></html>');
    const report = await runPageUntilDone('/recipe/index.html', 'out', WEBGPU_FLAGS);
    expect(report.error).toBeUndefined();
    expect(report.source).toBe('navigator.gpu');
    const gpu = report.gpu as number[];
    const cpu = report.cpu as number[];
    expect(gpu).toHaveLength(8);
    expect(gpu[7]).toBeLessThan(gpu[0]);
    // float32 on both devices; the CPU accumulates in doubles: 1e-5 relative per step, a little
    // more after eight updates
    gpu.forEach((l, i) => expect(Math.abs(l - cpu[i])).toBeLessThanOrEqual(1e-4 * Math.abs(cpu[i])));
  }, 180_000);
});
