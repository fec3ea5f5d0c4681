// Browser test of the dashboard: node dashboard.test.mjs LINKAGE_BINARY WORKSPACE ARTEFACT_DIR.
// Starts `linkage serve` on a free port, opens the link it prints in Debian's Chromium, and checks that the
// charts draw, that the headlines, tables, pickers and save buttons work, that a change of selection brings new
// data in the same colours, that the link restores the selection, that the page fits a wide and a phone's screen
// and passes axe-core, and that an impossible selection shows the API's error; saves screenshots as artefacts.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchChromium } from '../lib/chromium.mjs';
import { assertAccessible, assertConsistentColours, chartColours, chartsOnFirstScreen, screenshotsAtWidths }
  from '../lib/page-checks.mjs';

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

// The API's answer to the selection in the page's address, as the page asked for it.
const apiAnswer = page => page.evaluate(() => fetch('/api/charts' + location.search).then(response => response.json()));

// The years of the scores table's rows, top to bottom.
const tableYears = page => page.$$eval('#scores-table tbody tr', rows =>
  rows.map(row => Number(row.cells[0].textContent)));

// Each chart's colours under a name that says which selection they come from.
const named = (maps, selection) =>
  Object.fromEntries(Object.entries(maps).map(([id, map]) => [`${id} (${selection})`, map]));

// Clicks a chart's save button and returns the downloaded file's bytes (also kept as an artefact).
async function saved(page, chart, format) {
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.click(`figure[data-chart="${chart}"] button[data-format="${format}"]`)]);
  const path = resolve(artefacts, download.suggestedFilename());
  await download.saveAs(path);
  return readFileSync(path);
}

const { server, link } = await serve();
const origin = new URL(link).origin;
const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const errors = [];
  const foreign = [];
  page.on('pageerror', error => errors.push(String(error)));
  page.on('console', message => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('response', response => { if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`); });
  // A saved SVG is an object URL of the page's own origin (blob:http://...), a PNG a data URL: neither leaves it.
  page.on('request', request => {
    const url = request.url();
    if (!url.startsWith('data:') && new URL(url).origin !== origin) foreign.push(url);
  });
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

  // The title and the headlines are the API's, when it sends them; no headlines box when it sends none.
  const answer = await apiAnswer(page);
  const headlines = await page.$$eval('#headlines li', items => items.map(item => ({
    text: item.querySelector('summary')?.textContent ?? item.textContent,
    detail: item.querySelector('details p')?.textContent ?? '' })));
  if (answer.headlines?.length) {
    assert.ok(headlines.length > 0, 'the API sent headlines and the page shows none');
    assert.deepEqual(headlines, answer.headlines.map(({ text, detail }) => ({ text, detail: detail ?? '' })));
  } else {
    assert.equal(await page.isVisible('#headlines-box'), false, 'a headlines box without headlines');
  }
  const title = await page.textContent('#title');
  if (answer.title) assert.equal(title, answer.title);
  else assert.match(title, /China|CHN/, `the title names neither actor: ${title}`);

  // The scores table opens on the latest year; its year header sorts it one way, then the other.
  const years = await tableYears(page);
  assert.equal(years[0], first.selection.last, `the first row's year: ${years[0]}`);
  assert.equal(await page.getAttribute('#scores-table th:first-child', 'aria-sort'), 'descending');
  await page.click('#scores-table th:first-child button');
  assert.equal(await page.getAttribute('#scores-table th:first-child', 'aria-sort'), 'ascending');
  assert.deepEqual(await tableYears(page), years.slice().sort((a, b) => a - b));
  await page.click('#scores-table th:first-child button');
  assert.deepEqual(await tableYears(page), years);

  // Each chart saves as an SVG and as a PNG.
  assert.match(String(await saved(page, 'powers-pivot', 'svg')), /^<svg[^>]*>/, 'the saved SVG');
  assert.equal((await saved(page, 'scores', 'png')).subarray(1, 4).toString(), 'PNG', 'the saved PNG');

  // Each power keeps one colour, and the three are told apart.
  const overallColours = await chartColours(page);
  const powerColours = overallColours['powers-pivot'] ?? {};
  // The house palette's fixed colours of these three powers, the same as in every report.
  assert.deepEqual(powerColours, { China: '#d55e00', Russia: '#009e73', 'United States': '#0072b2' },
    'the powers chart colours');
  assertConsistentColours(overallColours, 'overall');

  await assertAccessible(page, 'the dashboard, overall');
  assert.ok(await chartsOnFirstScreen(page, '.chart') >= 2, 'fewer than two charts on the first screen at 1280 px');
  await screenshotsAtWidths(page, artefacts, 'dashboard-overall');

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
  const economicColours = await chartColours(page);
  await page.screenshot({ path: resolve(artefacts, 'dashboard-economic.png'), fullPage: true });

  // The pivot picker finds a state by name and by code; the keyboard chooses it, and the address follows.
  await page.fill('#pivot-search', 'kazakh');
  const found = await page.$$eval('#pivot-list [role="option"]', options => options.map(option =>
    `${option.querySelector('span').textContent} in ${option.closest('[role="group"]').firstChild.textContent}`));
  assert.ok(found.includes('Kazakhstan in Countries'), `"kazakh" found ${JSON.stringify(found)}`);
  assert.equal(await page.getAttribute('#pivot-search', 'aria-expanded'), 'true');
  await assertAccessible(page, 'the dashboard, the pivot picker open');
  await page.fill('#pivot-search', 'uzb');
  await page.press('#pivot-search', 'Enter');
  const third = await updated(page, 3);
  assert.equal(third.status, 'ready', `CHN with UZB: ${third.error}`);
  assert.equal(third.selection.pivot, 'UZB');
  assert.equal(new URL(page.url()).searchParams.get('dyad'), 'CHN,UZB');
  assert.equal(await page.isVisible('#pivot-list'), false, 'the list stays open after the choice');
  const uzbekColours = await chartColours(page);
  assertConsistentColours({ ...named(overallColours, 'overall'), ...named(economicColours, 'economic'),
    ...named(uzbekColours, 'CHN with UZB') }, 'overall, economic and CHN with UZB');
  assert.deepEqual(errors, [], 'console errors');

  // The address restores the selection on reload.
  await page.reload();
  const restored = await updated(page, 1);
  assert.equal(restored.status, 'ready', `restored: ${restored.error}`);
  assert.deepEqual([restored.selection.actor, restored.selection.pivot, restored.selection.dimension],
    ['CHN', 'UZB', 'economic']);
  assert.equal(await page.inputValue('#pivot-search'), 'Uzbekistan (UZB)');
  assert.equal(await page.inputValue('#dimension'), 'economic');

  // Years outside every record: the API's message is shown, not a blank page.
  await page.fill('#years', '1700-1701');
  await page.dispatchEvent('#years', 'change');
  const fourth = await updated(page, 2);
  assert.equal(fourth.status, 'error');
  assert.ok(await page.isVisible('#error'), 'the error box is hidden');
  assert.ok((await page.textContent('#error')).length > 10);
  await page.screenshot({ path: resolve(artefacts, 'dashboard-error.png'), fullPage: true });

  assert.deepEqual(foreign, [], 'requests beyond the local server');
  console.log(`dashboard: overall and economic selections drawn (${economicRows.length} economic rows), ` +
    `${headlines.length} headlines, picker, link, colours, exports, widths and axe-core checked, ` +
    `error shown: ${fourth.error}`);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
