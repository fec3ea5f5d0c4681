// Browser test of a written report: node report.test.mjs REPORT_DIR ARTEFACT_DIR.
// Opens report.html from disk in Debian's Chromium and checks that it draws every chart with marks, shows every
// section, logs no error and asks the network for nothing; saves screenshots as artefacts.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../lib/chromium.mjs';

const [folder, artefacts] = process.argv.slice(2);
if (!folder || !artefacts) {
  console.error('usage: node report.test.mjs REPORT_DIR ARTEFACT_DIR');
  process.exit(2);
}
mkdirSync(artefacts, { recursive: true });

const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  const errors = [];
  const requests = [];
  page.on('console', message => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', error => errors.push(String(error)));
  const address = pathToFileURL(resolve(folder, 'report.html')).href;
  page.on('request', request => { if (request.url() !== address) requests.push(request.url()); });
  await page.goto(address);
  await page.evaluate(() => window.chartsDrawn);

  const sections = await page.$$eval('section', elements => elements.map(element => element.id));
  for (const id of ['summary', 'audit', 'indicators', 'index', 'figure', 'network', 'tests', 'sources'])
    assert.ok(sections.includes(id), `section ${id} is missing (have ${sections.join(', ')})`);

  // Every chart drew an SVG with at least one mark carrying data (a path, line, rect, symbol or text).
  const charts = await page.$$eval('div[id^="chart-"]', elements => elements.map(element => ({
    id: element.id,
    marks: element.querySelectorAll('svg g[class*="mark-"] > path, svg g[class*="mark-"] > line, ' +
      'svg g[class*="mark-"] > text').length,
    text: element.textContent.slice(0, 200),
  })));
  assert.ok(charts.length >= 8, `expected the report's charts, found ${charts.length}`);
  for (const chart of charts) assert.ok(chart.marks > 0, `${chart.id} drew no marks: ${chart.text}`);

  const figure = await page.$$eval('#figure-linkage svg g.node', nodes => nodes.length);
  assert.ok(figure >= 3, `the linkage figure has ${figure} nodes`);

  assert.deepEqual(errors, [], 'console errors');
  assert.deepEqual(requests, [], 'network requests');

  await page.screenshot({ path: resolve(artefacts, 'report.png'), fullPage: true });
  for (const id of ['index', 'figure', 'network'])
    await page.locator(`#${id}`).screenshot({ path: resolve(artefacts, `report-${id}.png`) });

  // The exported files exist for every chart and are not empty.
  const files = readdirSync(resolve(folder, 'figures'));
  for (const chart of charts) {
    const id = chart.id.replace(/^chart-/, '');
    for (const extension of ['svg', 'png', 'vl.json'])
      assert.ok(files.includes(`${id}.${extension}`) && statSync(resolve(folder, 'figures', `${id}.${extension}`)).size > 0,
        `figures/${id}.${extension} is missing or empty`);
  }
  console.log(`report: ${sections.length} sections, ${charts.length} charts with marks, ` +
    `figure with ${figure} nodes, no console errors, no requests`);
} finally {
  await browser.close();
}
