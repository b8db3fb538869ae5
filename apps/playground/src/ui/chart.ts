// A small line chart on a <canvas>: one polyline per series over epochs 1..n, axes with a few ticks,
// a legend. Drawn at the device's pixel ratio.

export interface Series {
  readonly label: string;
  readonly color: string;
  readonly values: readonly number[];
  readonly dashed?: boolean;
}

export interface ChartOptions {
  readonly title: string;
  /** Epochs on the x axis (the axis spans 1..xMax even before the values arrive). */
  readonly xMax: number;
  /** A fixed y range (e.g. [0, 1] for accuracies); otherwise the data's, padded. */
  readonly yRange?: readonly [number, number];
}

const PAD = { left: 46, right: 12, top: 26, bottom: 30 };

function niceTicks(lo: number, hi: number, count: number): number[] {
  const span = hi - lo || 1;
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Number(v.toFixed(10)));
  return ticks;
}

function yBounds(series: readonly Series[], fixed?: readonly [number, number]): [number, number] {
  if (fixed) return [fixed[0], fixed[1]];
  const all = series.flatMap((s) => s.values.filter(Number.isFinite));
  if (all.length === 0) return [0, 1];
  const lo = Math.min(0, ...all);
  const hi = Math.max(...all);
  return [lo, hi === lo ? lo + 1 : hi + (hi - lo) * 0.05];
}

export function drawChart(canvas: HTMLCanvasElement, series: readonly Series[], opts: ChartOptions): void {
  const dpr = globalThis.devicePixelRatio || 1;
  const width = canvas.clientWidth || 480;
  const height = canvas.clientHeight || 260;
  canvas.width = Math.round(width * dpr);
  canvas.height = Math.round(height * dpr);
  const ctx = canvas.getContext('2d');
  if (ctx === null) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, width, height);

  const [y0, y1] = yBounds(series, opts.yRange);
  const xMax = Math.max(2, opts.xMax);
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const px = (epoch: number): number => PAD.left + ((epoch - 1) / (xMax - 1)) * plotW;
  const py = (v: number): number => PAD.top + (1 - (v - y0) / (y1 - y0)) * plotH;

  ctx.font = '11px system-ui, sans-serif';
  ctx.strokeStyle = '#e4e4e4';
  ctx.fillStyle = '#555';
  ctx.lineWidth = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of niceTicks(y0, y1, 5)) {
    ctx.beginPath();
    ctx.moveTo(PAD.left, py(t));
    ctx.lineTo(width - PAD.right, py(t));
    ctx.stroke();
    ctx.fillText(String(t), PAD.left - 6, py(t));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of niceTicks(1, xMax, 6).filter((t) => Number.isInteger(t) && t >= 1)) ctx.fillText(String(t), px(t), height - PAD.bottom + 6);
  ctx.fillText('epoch', PAD.left + plotW / 2, height - 13);
  ctx.textAlign = 'left';
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.fillStyle = '#222';
  ctx.fillText(opts.title, PAD.left, 6);

  ctx.lineWidth = 2;
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.setLineDash(s.dashed ? [5, 4] : []);
    ctx.beginPath();
    s.values.forEach((v, i) => (i === 0 ? ctx.moveTo(px(i + 1), py(v)) : ctx.lineTo(px(i + 1), py(v))));
    ctx.stroke();
    if (s.values.length === 1) ctx.fillRect(px(1) - 2, py(s.values[0]) - 2, 4, 4);
  }
  ctx.setLineDash([]);

  // legend, top right, on a veil so that the curves under it do not hide it
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const legendW = Math.max(0, ...series.map((s) => ctx.measureText(s.label).width)) + 32;
  ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
  if (series.length > 0) ctx.fillRect(width - PAD.right - legendW, PAD.top, legendW, series.length * 15 + 2);
  series.forEach((s, i) => {
    const y = PAD.top + 8 + i * 15;
    ctx.fillStyle = '#333';
    ctx.fillText(s.label, width - PAD.right - 24, y);
    ctx.strokeStyle = s.color;
    ctx.setLineDash(s.dashed ? [5, 4] : []);
    ctx.beginPath();
    ctx.moveTo(width - PAD.right - 20, y);
    ctx.lineTo(width - PAD.right - 2, y);
    ctx.stroke();
  });
  ctx.setLineDash([]);
}
