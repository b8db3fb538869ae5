// The built @torchlet/tensor-core in a real browser: headless Chromium (Debian's `chromium`, which
// .ci/run installs) loads the package's ESM build from a local server, instantiates the wasm kernels
// asynchronously as a page's main thread must (initWasmBackend), and compares the wasm backend with
// the pure-TypeScript reference on a matmul, a log-softmax and an exp. The page reports JSON in its
// DOM, read with --dump-dom.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]));
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
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
});

/**
 * The page's report, read from the DOM Chromium dumps once the page's script has run. Chromium runs
 * asynchronously: the page is served from this process, whose event loop must keep turning.
 */
async function runPage(): Promise<Record<string, unknown>> {
  const profile = mkdtempSync(join(tmpdir(), 'torchlet-chromium-'));
  try {
    const child = spawn(
      CHROMIUM as string,
      [
        '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        `--user-data-dir=${profile}`, '--virtual-time-budget=20000', '--dump-dom', `${origin}/index.html`,
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
    const match = /<pre id="out">([^<]*)<\/pre>/.exec(stdout);
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
