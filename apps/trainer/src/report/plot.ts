import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';

/** One point of a curve: x (epoch or step), y, which series and which panel it belongs to. */
export interface CurvePoint {
  x: number;
  y: number;
  series: string;
  panel: string;
}

export interface CurveOptions {
  title: string;
  xTitle: string;
  /** Panel names in display order; each becomes one chart side by side. */
  panels: readonly string[];
  /** Log scale for panels whose name contains "loss" (all values must be positive). */
  logLoss?: boolean;
  /** d3-format strings for the y axis of some panels, e.g. `{ 'absolute difference': '.1e' }`. */
  yFormat?: Readonly<Record<string, string>>;
  /** Draw each series with its own dash pattern (for curves that lie on top of each other). */
  dashed?: boolean;
}

/** Renders line charts (one per panel, a line per series) to an SVG string with Vega-Lite, headless. */
export async function renderCurvesSvg(points: readonly CurvePoint[], options: CurveOptions): Promise<string> {
  const finite = points.filter((p) => Number.isFinite(p.y));
  const charts = options.panels.map((panel) => {
    const isLoss = panel.toLowerCase().includes('loss');
    const values = finite.filter((p) => p.panel === panel && (!isLoss || !options.logLoss || p.y > 0));
    return {
      title: panel,
      width: 360,
      height: 220,
      data: { values: values.map((p) => ({ x: p.x, y: p.y, series: p.series })) },
      mark: { type: 'line' as const, strokeWidth: 1.5 },
      encoding: {
        x: { field: 'x', type: 'quantitative' as const, title: options.xTitle },
        y: {
          field: 'y',
          type: 'quantitative' as const,
          title: panel,
          ...(options.yFormat?.[panel] ? { axis: { format: options.yFormat[panel] } } : {}),
          scale: isLoss && options.logLoss ? { type: 'log' as const } : { zero: false },
        },
        color: { field: 'series', type: 'nominal' as const, title: null, legend: { labelLimit: 400 } },
        ...(options.dashed ? { strokeDash: { field: 'series', type: 'nominal' as const, title: null } } : {}),
      },
    };
  });
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: options.title,
    hconcat: charts,
    config: { font: 'sans-serif', background: 'white' },
  };
  const compiled = vl.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
