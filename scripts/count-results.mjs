// Adds up vitest's and Playwright's JSON reports into the one line CI reads, printed last:
//   tests: N passed, M failed
// Usage: node scripts/count-results.mjs [--extra-failures N] report.json…
// A missing report (its runner crashed) and each failed non-test step count as one failure.
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
let failed = 0;
if (args[0] === '--extra-failures') {
  failed += Number(args[1] ?? 0);
  args.splice(0, 2);
}
let passed = 0;
let skipped = 0;

for (const file of args) {
  if (!existsSync(file)) {
    console.error(`[count] ${file} is missing: its runner did not finish; counting one failure`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if ('numPassedTests' in report) {
    // vitest
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    if (report.numTotalTests === 0) failed += 1;
  } else if (report.stats) {
    // Playwright
    passed += report.stats.expected + (report.stats.flaky ?? 0);
    failed += report.stats.unexpected;
    skipped += report.stats.skipped ?? 0;
    failed += (report.errors ?? []).length;
  }
}
if (failed > 0) console.error('[count] something failed: see the output above');
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
