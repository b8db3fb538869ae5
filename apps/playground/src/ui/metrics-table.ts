// The compare view's table: one row per loss, its last epoch's test metrics, the best of each column marked.
import type { EpochMetrics } from '../protocol.js';

export interface MetricsRow {
  readonly label: string;
  readonly color: string;
  readonly metrics: EpochMetrics | undefined;
}

const COLUMNS: readonly { key: keyof EpochMetrics; title: string; better: 'high' | 'low' }[] = [
  { key: 'accuracy', title: 'accuracy', better: 'high' },
  { key: 'macroF1', title: 'macro F1', better: 'high' },
  { key: 'minorityRecall', title: 'minority recall', better: 'high' },
  { key: 'ece', title: 'ECE', better: 'low' },
  { key: 'testNll', title: 'test NLL', better: 'low' },
];

export function renderMetricsTable(table: HTMLTableElement, rows: readonly MetricsRow[]): void {
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  head.appendChild(document.createElement('th')).textContent = 'loss';
  for (const c of COLUMNS) head.appendChild(document.createElement('th')).textContent = `${c.title} ${c.better === 'high' ? '↑' : '↓'}`;
  const body = table.createTBody();
  const best = COLUMNS.map((c) => {
    const values = rows.flatMap((r) => (r.metrics ? [r.metrics[c.key]] : []));
    return values.length === 0 ? NaN : c.better === 'high' ? Math.max(...values) : Math.min(...values);
  });
  for (const r of rows) {
    const tr = body.insertRow();
    const name = tr.appendChild(document.createElement('th'));
    name.innerHTML = `<span class="swatch" style="background:${r.color}"></span>`;
    name.append(r.label);
    COLUMNS.forEach((c, i) => {
      const td = tr.insertCell();
      const v = r.metrics?.[c.key];
      td.textContent = v === undefined ? '…' : v.toFixed(3);
      if (v !== undefined && v.toFixed(3) === best[i].toFixed(3)) td.className = 'best';
    });
  }
}
