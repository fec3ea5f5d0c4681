// Exports every chart of a Linkage report as SVG and PNG: node export-figures.mjs REPORT_DIR.
// The charts are drawn once, by the report page itself in headless Chromium, so the files match the page.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './lib/chromium.mjs';

const folder = process.argv[2];
if (!folder) {
  console.error('usage: node export-figures.mjs REPORT_DIR');
  process.exit(2);
}

const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  const problems = [];
  page.on('pageerror', error => problems.push(String(error)));
  await page.goto(pathToFileURL(resolve(folder, 'report.html')).href);
  await page.evaluate(() => window.chartsDrawn);
  if (problems.length > 0) throw new Error(`the report page failed: ${problems.join('; ')}`);
  const ids = await page.evaluate(() => Object.keys(window.chartViews));
  for (const id of ids) {
    const svg = await page.evaluate(chart => window.chartViews[chart].toSVG(), id);
    writeFileSync(resolve(folder, 'figures', `${id}.svg`), svg);
    // Twice the screen resolution: sharp enough for print at a column's width.
    const png = await page.evaluate(chart => window.chartViews[chart].toImageURL('png', 2), id);
    writeFileSync(resolve(folder, 'figures', `${id}.png`), Buffer.from(png.split(',')[1], 'base64'));
  }
  console.log(`exported ${ids.length} charts as SVG and PNG`);
} finally {
  await browser.close();
}
