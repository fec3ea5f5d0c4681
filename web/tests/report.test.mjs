// Browser test of a written report: node report.test.mjs REPORT_DIR ARTEFACT_DIR NAME [--audit].
// Opens report.html from disk in Debian's Chromium and checks what a reader meets: a first screen with the
// headline findings and at least two charts; every chart drawn with marks; one colour per actor in every chart
// and the linkage figure; no raw 10-digit number anywhere; no overflow of the page at 1,280 and 390 px; no
// serious or critical accessibility violation (axe-core); charts that save as SVG and PNG; tables that sort and
// that fit the printed page; report.pdf beside the page. It also checks that the page logs no error and asks the
// network for nothing. Screenshots are kept in ARTEFACT_DIR as NAME-*.png.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../lib/chromium.mjs';
import {
  assertAccessible, assertConsistentColours, assertNoHorizontalOverflow, chartColours, chartsOnFirstScreen,
  screenshotsAtWidths,
} from '../lib/page-checks.mjs';

const args = process.argv.slice(2);
const [folder, artefacts, name] = args.filter(arg => !arg.startsWith('--'));
const audited = args.includes('--audit');
if (!folder || !artefacts || !name) {
  console.error('usage: node report.test.mjs REPORT_DIR ARTEFACT_DIR NAME [--audit]');
  process.exit(2);
}
mkdirSync(artefacts, { recursive: true });

// A4 less the print style's side margins, as the PDF exporter draws it (web/export-figures.mjs).
const printWidth = Math.floor((210 - 24) / 25.4 * 96);

const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  const errors = [];
  const requests = [];
  page.on('console', message => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', error => errors.push(String(error)));
  const address = pathToFileURL(resolve(folder, 'report.html')).href;
  page.on('request', request => {
    if (request.url() !== address && !request.url().startsWith('blob:') && !request.url().startsWith('data:'))
      requests.push(request.url());
  });
  await page.goto(address);
  await page.evaluate(() => window.chartsDrawn);

  const sections = await page.$$eval('section', elements => elements.map(element => element.id));
  const expected = ['summary', 'figure', 'index', 'indicators', 'network', 'tests', 'sources'];
  for (const id of audited ? [...expected, 'audit'] : expected)
    assert.ok(sections.includes(id), `section ${id} is missing (have ${sections.join(', ')})`);

  // The first screen: a title of names, not codes; three or four findings; two charts at least.
  const title = await page.textContent('h1');
  assert.ok(!/\b[A-Z]{3}\b/.test(title), `the title names codes: ${title}`);
  const headlines = await page.$$eval('.headlines > li > p', items => items.map(item => item.textContent));
  assert.ok(headlines.length >= 3 && headlines.length <= 4, `findings: ${JSON.stringify(headlines)}`);
  assert.ok(headlines.every(text => /\d/.test(text) && text.length < 260), `findings: ${JSON.stringify(headlines)}`);
  const onFirstScreen = await chartsOnFirstScreen(page, '.chart-body');
  assert.ok(onFirstScreen >= 2, `${onFirstScreen} charts on the first screen`);
  const firstTable = await page.evaluate(() => document.querySelector('table')?.getBoundingClientRect().top ?? Infinity);
  const lastKeyChart = await page.evaluate(() =>
    Math.max(...[...document.querySelectorAll('.key-charts .chart-body')].map(chart => chart.getBoundingClientRect().top)));
  assert.ok(lastKeyChart < firstTable, 'a table comes before the key charts');

  // Every chart drew an SVG with marks carrying data (a path, line or text).
  const charts = await page.$$eval('div[id^="chart-"]', elements => elements.map(element => ({
    id: element.id.replace(/^chart-/, ''),
    marks: element.querySelectorAll('svg g[class*="mark-"] > path, svg g[class*="mark-"] > line, ' +
      'svg g[class*="mark-"] > text').length,
    text: element.textContent.slice(0, 200),
  })));
  assert.ok(charts.length >= 7, `expected the report's charts, found ${charts.length}`);
  for (const chart of charts) assert.ok(chart.marks > 0, `${chart.id} drew no marks: ${chart.text}`);

  // One colour per actor: each actor's palette colour in every chart that shows it, and on its node of the
  // linkage figure.
  const actors = JSON.parse(await page.textContent('#report-actors'));
  assert.ok(actors.length >= 2, 'the page lists no actors');
  const colours = await chartColours(page);
  const merged = assertConsistentColours(colours, name);
  for (const actor of actors) {
    assert.equal(merged[actor.name], actor.colour.toLowerCase(), `${actor.name} is not in its colour in the charts`);
  }
  const nodes = await page.$$eval('#figure-linkage svg g.node', elements => elements.map(element => ({
    id: element.querySelector('title').textContent,
    fill: element.querySelector('path, polygon')?.getAttribute('fill')?.toLowerCase(),
  })));
  assert.ok(nodes.length >= 3, `the linkage figure has ${nodes.length} nodes`);
  for (const actor of actors) {
    const node = nodes.find(candidate => candidate.id === actor.id);
    assert.ok(node, `${actor.id} has no node in the figure`);
    assert.equal(node.fill, actor.colour.toLowerCase(), `${actor.id}'s node is not in its colour`);
  }

  // No raw numbers: with every fold open, no run of ten digits is left in the text a reader sees.
  await page.evaluate(() => { for (const fold of document.querySelectorAll('details')) fold.open = true; });
  const raw = await page.evaluate(() => document.body.innerText.match(/\b\d{10,}\b/g) ?? []);
  assert.deepEqual(raw, [], 'raw 10-digit numbers in the page');
  await assertAccessible(page, `${name} with every fold open`);
  // Back to the folds as written, for the checks of the page as it opens.
  await page.reload();
  await page.evaluate(() => window.chartsDrawn);
  await assertAccessible(page, name);

  // A sortable table: a click on a numeric column orders its exact values.
  const sorted = await page.evaluate(() => {
    const table = [...document.querySelectorAll('details[open] table.data')].find(candidate =>
      candidate.tBodies[0].rows.length > 2 && candidate.querySelector('td.num'));
    const index = [...table.tBodies[0].rows[0].cells].findIndex(cell => cell.classList.contains('num'));
    table.tHead.rows[0].cells[index].querySelector('button').click();
    const values = [...table.tBodies[0].rows].map(row => row.cells[index])
      .filter(cell => !cell.classList.contains('na')).map(cell => Number(cell.dataset.v));
    return { sort: table.tHead.rows[0].cells[index].getAttribute('aria-sort'), values };
  });
  assert.equal(sorted.sort, 'ascending');
  assert.deepEqual(sorted.values, [...sorted.values].sort((a, b) => a - b), 'the column is not in order');

  // Saving: a chart as SVG and the figure as PNG, from their buttons.
  for (const [selector, check] of [['button[data-save="svg"][data-chart="index-dyad"]', text => text.startsWith('<svg')],
    ['button[data-save="png"][data-figure="linkage"]', (text, bytes) => bytes[1] === 0x50 && bytes[2] === 0x4e]]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    const path = resolve(artefacts, `${name}-${download.suggestedFilename()}`);
    await download.saveAs(path);
    const bytes = readFileSync(path);
    assert.ok(check(bytes.toString('utf8', 0, 10), bytes), `${selector} saved no such file`);
  }

  assert.deepEqual(errors, [], 'console errors');
  assert.deepEqual(requests, [], 'network requests');

  await screenshotsAtWidths(page, artefacts, name);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: resolve(artefacts, `${name}-first-screen.png`) });
  for (const id of ['figure', 'index'])
    await page.locator(`#${id}`).screenshot({ path: resolve(artefacts, `${name}-${id}.png`) });

  // In print, at the PDF's width: no table wider than the page.
  await page.setViewportSize({ width: printWidth, height: 1100 });
  await page.emulateMedia({ media: 'print' });
  const cut = await page.evaluate(async () => {
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    window.prepareForPrint();
    return [...document.querySelectorAll('table.data')].filter(table =>
      table.getBoundingClientRect().width > table.parentElement.getBoundingClientRect().width + 1)
      .map(table => table.closest('details').id);
  });
  assert.deepEqual(cut, [], 'tables wider than the printed page');
  await assertNoHorizontalOverflow(page, `${name} in print`);

  // The PDF: a real, paginated document.
  const pdf = readFileSync(resolve(folder, 'report.pdf'));
  assert.equal(pdf.toString('latin1', 0, 5), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
  assert.ok(pages >= 5, `report.pdf has ${pages} pages`);

  // The exported files exist for every chart and are not empty.
  const files = readdirSync(resolve(folder, 'figures'));
  for (const chart of charts) {
    for (const extension of ['svg', 'png', 'vl.json'])
      assert.ok(files.includes(`${chart.id}.${extension}`) && statSync(resolve(folder, 'figures', `${chart.id}.${extension}`)).size > 0,
        `figures/${chart.id}.${extension} is missing or empty`);
  }
  console.log(`${name}: ${sections.length} sections, ${headlines.length} findings, ${onFirstScreen} charts on the ` +
    `first screen, ${charts.length} charts with marks, ${actors.length} actors in one colour each, figure with ` +
    `${nodes.length} nodes, ${pages} PDF pages; no overflow, no axe violation, no console error, no request`);
} finally {
  await browser.close();
}
