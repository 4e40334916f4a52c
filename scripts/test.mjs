#!/usr/bin/env node
// `npm test`: build every package and the agent bundle (the end-to-end tests run the
// built CLIs), run the whole vitest suite, and close with the plain
// `N passed, N failed` line that CI reads. Extra arguments go to vitest (e.g. `npm test -- --project agent`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);

const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('build failed: npm run build exited with', build.status ?? build.signal);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'zhengban-test-'));
const report = join(dir, 'vitest.json');
const run = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  passed = result.numPassedTests;
  // A file that fails to load has no tests of its own; count it as one failure.
  const brokenFiles = result.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
  failed = result.numFailedTests + brokenFiles.length;
  skipped = result.numPendingTests + result.numTodoTests;
} catch {
  // No report means vitest itself failed before running anything.
  failed = Math.max(1, failed);
}
rmSync(dir, { recursive: true, force: true });
// An error outside any test (an unhandled rejection, an 'error' event nobody listens to)
// fails the run though every test passed: counted as one failure, so the line says so.
if (run.status !== 0 && failed === 0 && passed > 0) {
  console.error(`vitest exited with ${run.status ?? run.signal} though no test failed: an error outside the tests (its "Errors" above)`);
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(run.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
