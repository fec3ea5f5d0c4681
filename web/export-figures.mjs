// Exports a Linkage report's charts and prints it:
//   node export-figures.mjs REPORT_DIR [--no-figures] [--pdf] [--wait].
// The charts are drawn once, by the report page itself in headless Chromium, so the files match the page:
// every chart as SVG and PNG (unless --no-figures), and with --pdf the whole page printed to report.pdf on A4,
// its charts redrawn at the page's width so that they stay vectors and nothing is cut. With --wait Chromium
// starts at once and the page is drawn when standard input says "draw" (`linkage report` starts the exporter
// before it computes the report); any other end of input stops it without drawing.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './lib/chromium.mjs';

const args = process.argv.slice(2);
const folder = args.find(arg => !arg.startsWith('--'));
const figures = !args.includes('--no-figures');
const pdf = args.includes('--pdf');
const wait = args.includes('--wait');
if (!folder) {
  console.error('usage: node export-figures.mjs REPORT_DIR [--no-figures] [--pdf] [--wait]');
  process.exit(2);
}

// True when standard input, read to its end, says "draw".
async function drawSaid() {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.trim() === 'draw';
}

// A4 less the print style's side margins (2 x 12 mm), in CSS pixels: the width the charts are drawn at for
// print.
const printWidth = Math.floor((210 - 24) / 25.4 * 96);

const [browser, draw] = await Promise.all([launchChromium(), wait ? drawSaid() : true]);
if (!draw) {
  await browser.close();
  process.exit(0);
}
try {
  const page = await browser.context.newPage();
  const problems = [];
  page.on('pageerror', error => problems.push(String(error)));
  await page.goto(pathToFileURL(resolve(folder, 'report.html')).href);
  await page.evaluate(() => window.chartsDrawn);
  if (problems.length > 0) throw new Error(`the report page failed: ${problems.join('; ')}`);
  if (figures) {
    const ids = await page.evaluate(() => Object.keys(window.chartViews));
    for (const id of ids) {
      const svg = await page.evaluate(chart => window.chartViews[chart].toSVG(), id);
      writeFileSync(resolve(folder, 'figures', `${id}.svg`), svg);
      // Twice the screen resolution: sharp enough for print at a column's width.
      const png = await page.evaluate(chart => window.chartViews[chart].toImageURL('png', 2), id);
      writeFileSync(resolve(folder, 'figures', `${id}.png`), Buffer.from(png.split(',')[1], 'base64'));
    }
    console.log(`exported ${ids.length} charts as SVG and PNG`);
  }
  if (pdf) {
    await page.setViewportSize({ width: printWidth, height: 1100 });
    await page.emulateMedia({ media: 'print' });
    // Every chart redrawn at the printed width, then every fold opened and every table fitted to the page.
    await page.evaluate(async () => {
      window.dispatchEvent(new Event('resize'));
      await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
      await Promise.all(Object.values(window.chartViews).map(view => view.resize().runAsync()));
      window.prepareForPrint();
    });
    await page.pdf({
      path: resolve(folder, 'report.pdf'),
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: '<div style="font-size:8px;width:100%;text-align:center;color:#555;font-family:sans-serif">' +
        '<span class="title"></span> · page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
    });
    console.log('printed report.pdf');
  }
} finally {
  await browser.close();
}
