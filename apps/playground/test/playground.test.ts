// The playground in headless Chromium (Debian's `chromium`, which .ci/run installs; playwright-core
// drives it and downloads nothing). The page is built with vite into a temporary folder and served
// from this process. With WebGPU flags Chromium offers SwiftShader's software adapter; the page must
// train on WebGPU where the browser gives an adapter and on the wasm kernels where it does not.
// PLAYGROUND_SCREENSHOT=<file> (`pnpm --filter @torchlet/playground screenshot`) trains with the
// page's defaults and saves a screenshot there; otherwise shorter runs keep the test quick.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaygroundState, RunView } from '../src/main.js';

const CHROMIUM = process.env.CHROMIUM ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const available = CHROMIUM !== undefined;
if (!available && process.env.CI) throw new Error("playground: Chromium is not installed (.ci/run installs Debian's chromium)");

const APP = resolve(import.meta.dirname, '..');
const SCREENSHOT = process.env.PLAYGROUND_SCREENSHOT;
const QUERY = SCREENSHOT ? '' : '?epochs=6&perClass=60';
/** The page's default runs (screenshot mode) take several times the test's short ones. */
const SLOW = SCREENSHOT ? 6 : 1;
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html', '.css': 'text/css', '.json': 'application/json' };

const BASE_ARGS = ['--headless=new', '--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update'];
const WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--enable-unsafe-swiftshader', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader'];

let outDir = '';
let server: Server | undefined;
let browser: Browser | undefined;
let plainBrowser: Browser | undefined;
let page: Page;
let origin = '';

beforeAll(async () => {
  if (!available) return;
  outDir = mkdtempSync(join(tmpdir(), 'torchlet-playground-'));
  await build({ root: APP, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]));
    const file = join(outDir, path === '/' ? 'index.html' : path);
    if (!file.startsWith(outDir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((done) => server?.listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...BASE_ARGS, ...WEBGPU_ARGS] });
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

afterAll(async () => {
  await browser?.close();
  await plainBrowser?.close();
  server?.close();
  if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
});

const playground = (p: Page): Promise<PlaygroundState> => p.evaluate(() => window.__playground);

/** Resolves after the page's next two animation frames: it draws once per frame. */
const frames = (p: Page): Promise<unknown> => p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** How many pixels of a canvas differ from white, and how many are close to each of `colors` (#rrggbb). */
function canvasInk(p: Page, id: string, colors: readonly string[] = []): Promise<{ ink: number; perColor: number[] }> {
  return p.evaluate(
    ([canvasId, hexes]) => {
      const canvas = document.getElementById(canvasId) as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      if (ctx === null || canvas.width === 0) return { ink: 0, perColor: hexes.map(() => 0) };
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const rgb = hexes.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
      const perColor = hexes.map(() => 0);
      let ink = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] < 250 || data[i + 1] < 250 || data[i + 2] < 250) ink += 1;
        rgb.forEach((c, k) => {
          if (Math.abs(data[i] - c[0]) + Math.abs(data[i + 1] - c[1]) + Math.abs(data[i + 2] - c[2]) < 24) perColor[k] += 1;
        });
      }
      return { ink, perColor };
    },
    [id, [...colors]] as const,
  );
}

describe.skipIf(!available)('the playground in headless Chromium', () => {
  it('picks WebGPU where the browser gives an adapter and the wasm kernels otherwise', async () => {
    await page.goto(`${origin}/index.html${QUERY}`);
    await page.waitForFunction(() => window.__playground.backend !== null, undefined, { timeout: 30_000 });
    const { backend } = await playground(page);
    const adapter = await page.evaluate(async () => (navigator.gpu ? (await navigator.gpu.requestAdapter()) !== null : false));
    console.log(`playground backend: ${JSON.stringify(backend)}`);
    expect(backend?.backend).toBe(adapter ? 'webgpu' : 'wasm');
    expect(await page.getAttribute('#backend', 'data-backend')).toBe(backend?.backend);
    if (!adapter) expect(backend?.fallbackReason).toBeTruthy();
  });

  it('trains one loss off the main thread: the loss falls, the charts and the confusion matrix render', async () => {
    // the main thread's longest gap between timer ticks while the worker trains
    await page.evaluate(() => {
      const w = window as unknown as { __gap: number; __tick: number };
      w.__gap = 0;
      w.__tick = performance.now();
      setInterval(() => {
        const now = performance.now();
        w.__gap = Math.max(w.__gap, now - w.__tick);
        w.__tick = now;
      }, 20);
    });
    await page.click('#train');
    await page.waitForFunction(() => window.__playground.train?.done === true || window.__playground.train?.error != null, undefined, { timeout: 90_000 * SLOW });
    await frames(page);
    const run = (await playground(page)).train as RunView;
    expect(run.error).toBeNull();
    expect(run.epochs).toHaveLength(run.job.epochs);
    const losses = run.epochs.map((e) => e.trainLoss);
    console.log(`train (${run.job.loss}, ${run.seconds.toFixed(1)} s): losses ${losses.map((l) => l.toFixed(3)).join(' ')}, test accuracy ${run.epochs[run.epochs.length - 1].accuracy}`);
    expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.7);
    expect(run.epochs[run.epochs.length - 1].accuracy).toBeGreaterThan(0.6);
    expect(await page.evaluate(() => (window as unknown as { __gap: number }).__gap)).toBeLessThan(500);

    for (const id of ['loss-chart', 'acc-chart']) expect((await canvasInk(page, id)).ink, id).toBeGreaterThan(1000);
    const classes = run.summary?.classNames.length ?? 0;
    const cells = await page.$$eval('#confusion td', (tds) => tds.map((td) => Number((td as HTMLElement).dataset.count)));
    expect(cells).toHaveLength(classes * classes);
    const testSize = (run.summary?.testCounts ?? []).reduce((a, b) => a + b, 0);
    expect(testSize).toBeGreaterThan(0);
    expect(cells.reduce((a, b) => a + b, 0)).toBe(testSize);
  }, 120_000 * SLOW);

  it('compares the default losses on the imbalanced digits: one curve per loss, metrics that differ', async () => {
    const ticked = await page.$$eval('#compare-losses input:checked', (boxes) => boxes.map((b) => (b as HTMLInputElement).value));
    expect(ticked.length).toBeGreaterThanOrEqual(3);
    await page.click('#compare');
    await page.waitForFunction(
      (n) => {
        const runs = window.__playground.compare;
        return runs.some((r) => r.error !== null) || (runs.length === n && runs.every((r) => r.done));
      },
      ticked.length,
      { timeout: 120_000 * SLOW },
    );
    await frames(page);
    const runs = (await playground(page)).compare;
    expect(runs.map((r) => r.error)).toEqual(ticked.map(() => null));
    expect(runs.map((r) => r.loss)).toEqual(ticked);
    for (const r of runs) expect(r.epochs).toHaveLength(r.job.epochs);
    const table = runs.map((r) => ({ loss: r.loss, ...r.epochs[r.epochs.length - 1] }));
    console.table(table.map((t) => ({ loss: t.loss, accuracy: t.accuracy, minorityRecall: t.minorityRecall, ece: t.ece })));
    // the point of the default comparison: the losses disagree on calibration
    expect(new Set(table.map((t) => t.ece.toFixed(3))).size).toBeGreaterThan(1);
    // one curve per loss, in the loss's colour, on each chart
    const colors = await page.$$eval('#compare-table .swatch', (s) => s.map((el) => getComputedStyle(el).backgroundColor));
    expect(colors).toHaveLength(runs.length);
    const hex = colors.map((c) => `#${(c.match(/\d+/g) ?? []).slice(0, 3).map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`);
    for (const id of ['compare-loss', 'compare-recall', 'compare-ece']) {
      const { ink, perColor } = await canvasInk(page, id, hex);
      expect(ink, id).toBeGreaterThan(1000);
      perColor.forEach((n, k) => expect(n, `${id}: the curve of ${runs[k].loss}`).toBeGreaterThan(30));
    }
    expect(await page.$$eval('#compare-table tbody tr', (rows) => rows.length)).toBe(runs.length);
    if (SCREENSHOT) await page.screenshot({ path: resolve(APP, SCREENSHOT), fullPage: true });
  }, 180_000 * SLOW);

  it('falls back to the wasm kernels without WebGPU: trains digits and Iris there, and stops on Stop', async () => {
    plainBrowser = await chromium.launch({ executablePath: CHROMIUM, args: [...BASE_ARGS, '--disable-gpu', '--disable-features=WebGPU'] });
    const plain = await plainBrowser.newPage();
    await plain.goto(`${origin}/index.html?epochs=3&perClass=40`);
    await plain.waitForFunction(() => window.__playground.backend !== null, undefined, { timeout: 30_000 });
    const { backend } = await playground(plain);
    console.log(`playground backend without WebGPU: ${JSON.stringify(backend)}`);
    expect(backend?.backend).toBe('wasm');
    expect(backend?.fallbackReason).toBeTruthy();
    expect(await plain.textContent('#backend')).toContain('WebGPU not used');
    await plain.click('#train');
    await plain.waitForFunction(() => window.__playground.train?.done === true || window.__playground.train?.error != null, undefined, { timeout: 60_000 });
    const run = (await playground(plain)).train as RunView;
    expect(run.error).toBeNull();
    expect(run.epochs[run.epochs.length - 1].trainLoss).toBeLessThan(run.epochs[0].trainLoss);

    // Iris: 3 classes, a 3 x 3 matrix over its test split
    await plain.selectOption('#train-form select[name="dataset"]', 'iris');
    await plain.fill('#train-form input[name="epochs"]', '40');
    await plain.click('#train');
    await plain.waitForFunction(() => window.__playground.train?.job.dataset === 'iris' && (window.__playground.train.done || window.__playground.train.error != null));
    await frames(plain);
    const iris = (await playground(plain)).train as RunView;
    expect(iris.error).toBeNull();
    expect(iris.epochs[iris.epochs.length - 1].accuracy).toBeGreaterThan(0.8);
    const irisCells = await plain.$$eval('#confusion td', (tds) => tds.map((td) => Number((td as HTMLElement).dataset.count)));
    expect(irisCells).toHaveLength(9);
    expect(irisCells.reduce((a, b) => a + b, 0)).toBe((iris.summary?.testCounts ?? []).reduce((a, b) => a + b, 0));

    // Stop ends a long run (digits, minutes long) at once and leaves a fresh worker that trains again
    await plain.selectOption('#train-form select[name="dataset"]', 'digits');
    await plain.fill('#train-form input[name="epochs"]', '5000');
    await plain.click('#train');
    await plain.waitForFunction(() => (window.__playground.train?.epochs.length ?? 0) >= 1 && window.__playground.train?.job.epochs === 5000);
    await plain.click('#stop');
    await plain.waitForFunction(() => window.__playground.train?.error != null);
    const stopped = (await playground(plain)).train as RunView;
    expect(stopped.error).toBe('stopped');
    expect(stopped.epochs.length).toBeLessThan(5000);
    await plain.waitForFunction(() => !window.__playground.busy && window.__playground.backend !== null);
    expect(await plain.isEnabled('#train')).toBe(true);
  });
});
