// The confusion matrix as a table: rows are the true classes, columns the predictions; each cell is
// shaded by its share of its row.

export function renderConfusion(table: HTMLTableElement, confusion: readonly (readonly number[])[], classNames: readonly string[]): void {
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  head.appendChild(document.createElement('th')).textContent = 'true \\ predicted';
  for (const name of classNames) head.appendChild(document.createElement('th')).textContent = name;
  const body = table.createTBody();
  confusion.forEach((row, i) => {
    const tr = body.insertRow();
    tr.appendChild(document.createElement('th')).textContent = classNames[i];
    const total = row.reduce((a, b) => a + b, 0) || 1;
    row.forEach((count, j) => {
      const td = tr.insertCell();
      td.textContent = String(count);
      td.dataset.count = String(count);
      td.className = i === j ? 'hit' : 'miss';
      const share = count / total;
      td.style.background = i === j ? `rgba(46, 125, 50, ${share})` : `rgba(198, 40, 40, ${share})`;
      if (share > 0.55) td.style.color = '#fff';
    });
  });
}
