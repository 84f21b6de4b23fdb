// Adds up vitest's and Playwright's JSON reports into the lines CI reads, the total printed last:
//   tests (classic engine): N passed, M failed      one line per label, in the order first given
//   tests: N passed, M failed                       the total, always the last line
// Usage: node scripts/count-results.mjs [--extra-failures N] [label=]report.json…
// A missing report (its runner crashed), a test file that failed outside any test (a failing beforeAll
// skips its tests, which then pass for nothing), and each failed non-test step count as one failure.
import { existsSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
let extra = 0;
if (args[0] === '--extra-failures') {
  extra = Number(args[1] ?? 0);
  args.splice(0, 2);
}

const NAMES = { unit: 'unit tests', classic: 'classic engine', modern: 'modern engine' };
/** @type {Map<string, { passed: number; failed: number; skipped: number; parts: string[] }>} */
const byLabel = new Map();
/** Each failed test as one line, printed just above the totals: CI shows only the end of a long log. */
const failures = [];
const firstLine = (message) =>
  String(message ?? '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((text) => text.trim())
    .filter(Boolean)
    .slice(0, 3)
    .join(' | ')
    .slice(0, 400);
/** Playwright's failed tests, from its nested suites. */
const playwrightFailures = (suite, file) => {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      const last = test.results?.at(-1);
      if (test.status === 'unexpected' && last)
        failures.push(`${file}: ${spec.file}:${spec.line} ${spec.title}: ${firstLine(last.error?.message ?? last.status)}`);
    }
  }
  for (const child of suite.suites ?? []) playwrightFailures(child, file);
};
const tally = (label) => {
  if (!byLabel.has(label)) byLabel.set(label, { passed: 0, failed: 0, skipped: 0, parts: [] });
  return byLabel.get(label);
};

for (const arg of args) {
  const eq = arg.indexOf('=');
  const [label, file] = eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : ['', arg];
  const t = tally(label);
  const before = { passed: t.passed, failed: t.failed };
  const part = () =>
    t.parts.push(`${file.replace(/^.*\//, '').replace(/\.json$/, '')} ${t.passed - before.passed}/${t.failed - before.failed}`);
  if (!existsSync(file)) {
    console.error(`[count] ${file} is missing: its runner did not finish; counting one failure`);
    t.failed += 1;
    part();
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if ('numPassedTests' in report) {
    // vitest
    t.passed += report.numPassedTests;
    t.failed += report.numFailedTests;
    t.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    if (report.numTotalTests === 0) t.failed += 1;
    for (const result of report.testResults ?? []) {
      const failed = (result.assertionResults ?? []).filter((test) => test.status === 'failed');
      for (const test of failed) failures.push(`${file}: ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
      const failedTests = failed.length;
      if (result.status === 'failed' && failedTests === 0) {
        console.error(`[count] ${result.name} failed outside its tests (a hook or the file itself); counting one failure`);
        t.failed += 1;
      }
    }
  } else if (report.stats) {
    // Playwright
    t.passed += report.stats.expected + (report.stats.flaky ?? 0);
    t.failed += report.stats.unexpected;
    t.skipped += report.stats.skipped ?? 0;
    t.failed += (report.errors ?? []).length;
    for (const suite of report.suites ?? []) playwrightFailures(suite, file);
    for (const error of report.errors ?? []) failures.push(`${file}: outside any test: ${firstLine(error.message)}`);
  }
  part();
}

for (const failure of failures) console.log(`[count] failed: ${failure}`);
const line = ({ passed, failed, skipped }) => `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
const total = { passed: 0, failed: extra, skipped: 0 };
for (const [label, t] of byLabel) {
  total.passed += t.passed;
  total.failed += t.failed;
  total.skipped += t.skipped;
  // Each report as passed/failed, e.g. "vitest-classic 81/0, e2e-classic 71/0".
  if (label) console.log(`tests (${NAMES[label] ?? label}): ${line(t)} (${t.parts.join(', ')})`);
}
if (extra > 0) console.log(`steps that are not tests (install, lint, typecheck, build): ${extra} failed`);
if (total.failed > 0) console.error('[count] something failed: see the output above');
console.log(`tests: ${line(total)}`);
process.exit(total.failed > 0 ? 1 : 0);
