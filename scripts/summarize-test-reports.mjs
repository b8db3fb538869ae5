// Sum the vitest JSON reports of every workspace package that has a test script and print
// "N passed, N failed" (skipped tests on the line before). A package without a report, or a report that failed with no
// failed test (a crash, no test files), counts as one failure. Exits 1 when anything failed.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const reportDir = process.argv[2];
if (!reportDir) {
  console.error('usage: node scripts/summarize-test-reports.mjs REPORT_DIR');
  process.exit(2);
}

const root = join(import.meta.dirname, '..');
const workspaceDirs = ['packages', 'apps', 'tooling']
  .flatMap((group) => (existsSync(join(root, group)) ? readdirSync(join(root, group)).map((d) => join(root, group, d)) : []))
  .concat([join(root, 'conformance'), join(root, 'bench')]);
const tested = workspaceDirs.filter((dir) => {
  const manifest = join(dir, 'package.json');
  return existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test;
});

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of tested) {
  const name = basename(dir);
  const file = join(reportDir, `${name}.json`);
  if (!existsSync(file)) {
    console.log(`${name}: no test report (the test run crashed or did not start)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const p = report.numPassedTests ?? 0;
  const f = report.numFailedTests ?? 0;
  const s = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  const crashed = report.success === false && f === 0 ? 1 : 0;
  console.log(`${name}: ${p} passed, ${f + crashed} failed, ${s} skipped${crashed ? ' (suite failed outside any test)' : ''}`);
  passed += p;
  failed += f + crashed;
  skipped += s;
}
console.log(`skipped: ${skipped}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
