// Browser test of the dashboard: node dashboard.test.mjs LINKAGE_BINARY WORKSPACE ARTEFACT_DIR.
// Starts `linkage serve` on a free port, opens the link it prints in Debian's Chromium, and checks that the
// charts draw, that a change of selection brings new data, and that an impossible selection shows the API's
// error; saves screenshots as artefacts.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium } from '../lib/chromium.mjs';

const [binary, workspace, artefacts] = process.argv.slice(2);
if (!binary || !workspace || !artefacts) {
  console.error('usage: node dashboard.test.mjs LINKAGE_BINARY WORKSPACE ARTEFACT_DIR');
  process.exit(2);
}
mkdirSync(artefacts, { recursive: true });

// Starts the server and resolves with the link it prints on its first line.
function serve() {
  const server = spawn(binary, ['serve', '--port', '0', '--workspace', workspace, '--dyad', 'CHN,KAZ',
    '--region', 'central-asia', '--powers', 'RUS,USA', '--years', '1995-2020'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    let output = '';
    server.stdout.on('data', chunk => {
      output += chunk;
      const match = output.match(/serving (http:\/\/127\.0\.0\.1:\d+\/\S*)\n/);
      if (match) done({ server, link: match[1] });
    });
    server.on('exit', code => fail(new Error(`linkage serve exited with ${code} before serving: ${output}`)));
  });
}

// Waits until the page has finished `count` updates and returns its state.
async function updated(page, count) {
  await page.waitForFunction(n => window.dashboardUpdates >= n, count, { timeout: 120000 });
  return page.evaluate(() => window.dashboardState);
}

const chartMarks = page => page.$$eval('.chart', elements => elements.map(element => ({
  id: element.id,
  marks: element.querySelectorAll('svg g[class*="mark-"] > path, svg g[class*="mark-"] > line').length,
})));

const { server, link } = await serve();
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  const errors = [];
  const foreign = [];
  page.on('pageerror', error => errors.push(String(error)));
  page.on('console', message => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('response', response => { if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`); });
  page.on('request', request => { if (!request.url().startsWith(new URL(link).origin)) foreign.push(request.url()); });
  await page.goto(link);

  const first = await updated(page, 1);
  assert.equal(first.status, 'ready', `first selection: ${first.error}`);
  assert.equal(first.selection.actor, 'CHN');
  assert.equal(first.selection.dimension, 'overall');
  for (const chart of await chartMarks(page)) assert.ok(chart.marks > 0, `${chart.id} drew no marks`);
  const overallRows = await page.$$eval('#scores-table tr', rows => rows.map(row => row.textContent));
  // Coverage per power and year: a header of years, then one row per power (CHN, RUS, USA).
  const coverage = await page.$$eval('#coverage-table tr', rows => rows.map(row =>
    Array.from(row.cells, cell => cell.textContent)));
  assert.equal(coverage[0][0], 'power');
  assert.equal(coverage[0][1], '1995');
  assert.deepEqual(coverage.slice(1).map(row => row[0]), ['CHN', 'RUS', 'USA']);
  assert.ok(coverage.slice(1).every(row => row.slice(1).every(cell => /^(0|1)\.\d\d( carried)?$|^missing$|^$/.test(cell))),
    `coverage cells: ${JSON.stringify(coverage)}`);
  await page.screenshot({ path: resolve(artefacts, 'dashboard-overall.png'), fullPage: true });

  // A change of dimension brings the economic scores: new rows, each naming an economic score.
  await page.selectOption('#dimension', 'economic');
  const second = await updated(page, 2);
  assert.equal(second.status, 'ready', `economic selection: ${second.error}`);
  assert.equal(second.selection.dimension, 'economic');
  const economicRows = await page.$$eval('#scores-table tr', rows => rows.slice(1).map(row => row.textContent));
  assert.ok(economicRows.length > 0, 'no economic rows');
  assert.ok(economicRows.every(row => row.includes('economic_')), 'rows of another dimension');
  assert.notDeepEqual(economicRows, overallRows.slice(1));
  for (const chart of await chartMarks(page)) assert.ok(chart.marks > 0, `${chart.id} drew no marks after the change`);
  await page.screenshot({ path: resolve(artefacts, 'dashboard-economic.png'), fullPage: true });
  assert.deepEqual(errors, [], 'console errors');

  // Years outside every record: the API's message is shown, not a blank page.
  await page.fill('#years', '1700-1701');
  await page.dispatchEvent('#years', 'change');
  const third = await updated(page, 3);
  assert.equal(third.status, 'error');
  assert.ok(await page.isVisible('#error'), 'the error box is hidden');
  assert.ok((await page.textContent('#error')).length > 10);
  await page.screenshot({ path: resolve(artefacts, 'dashboard-error.png'), fullPage: true });

  assert.deepEqual(foreign, [], 'requests beyond the local server');
  console.log(`dashboard: overall and economic selections drawn (${economicRows.length} economic rows), ` +
    `error shown: ${third.error}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
