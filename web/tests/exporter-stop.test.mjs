// Test of the figure exporter's early start: node exporter-stop.test.mjs LINKAGE WORKSPACE SCRATCH_DIR.
// `linkage report` starts web/export-figures.mjs with --wait before it computes the report, so that Chromium
// starts meanwhile. When the report fails, the exporter must stop without drawing, and the report's error and
// exit status must be the report's own, promptly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const [linkage, workspace, scratch] = process.argv.slice(2);
if (!linkage || !workspace || !scratch) {
  console.error('usage: node exporter-stop.test.mjs LINKAGE WORKSPACE SCRATCH_DIR');
  process.exit(2);
}
const exporter = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'export-figures.mjs');
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });

// The exporter told anything but "draw" closes Chromium and exits 0 without touching the folder.
const folder = resolve(scratch, 'never-written');
const stopped = spawnSync(process.execPath, [exporter, folder, '--wait', '--pdf'], {
  input: 'stop\n', timeout: 60000, encoding: 'utf8',
});
assert.equal(stopped.status, 0, `the exporter told to stop exited with ${stopped.status}: ${stopped.stderr}`);
assert.equal(existsSync(folder), false, 'the exporter told to stop wrote into the report folder');

// A report that fails (an unknown actor) exits with its own status (4, not found) and message, and does not
// wait for a drawing that will never come.
const started = Date.now();
const failed = spawnSync(linkage, ['report', '--dyad', 'CHN,XXX', '--years', '2000-2005', '--pdf',
  '--workspace', workspace, '--out', resolve(scratch, 'failed')], { timeout: 60000, encoding: 'utf8' });
assert.equal(failed.status, 4, `exit status ${failed.status}: ${failed.stderr}`);
assert.match(failed.stderr, /unknown actor 'XXX'/);
assert.ok(Date.now() - started < 30000, 'the failed report waited for the exporter too long');
assert.equal(existsSync(resolve(scratch, 'failed', 'report.pdf')), false);
console.log('exporter stop: ok');
