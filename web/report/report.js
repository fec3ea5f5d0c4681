// web/report/report.js: the behaviour of a Linkage report, inlined into report.html after the chart data.
// Draws every chart with vega-embed, saves a chart or the figure as SVG or PNG, sorts tables by a column, and
// unfolds every fold before printing so that the PDF holds everything.
'use strict';

const specs = JSON.parse(document.getElementById('chart-specs').textContent);
// The views are kept so that figures can be exported from the same drawing (web/export-figures.mjs) and the
// browser tests can read each chart's colours.
window.chartViews = {};
window.chartsDrawn = Promise.all(Object.entries(specs).map(([id, spec]) =>
  vegaEmbed('#chart-' + id, spec, {renderer: 'svg', actions: false}).then(result => {
    window.chartViews[id] = result.view;
  }).catch(error => {
    document.getElementById('chart-' + id).textContent = 'This chart could not be drawn: ' + error;
    throw error;
  })));

function download(name, url) {
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
}

// The Graphviz figure is not a Vega view: its SVG is saved as it is, and drawn onto a canvas for PNG.
async function saveFigure(id, format) {
  const svg = document.querySelector('#figure-' + id + ' svg');
  const text = new XMLSerializer().serializeToString(svg);
  const url = URL.createObjectURL(new Blob([text], {type: 'image/svg+xml'}));
  if (format === 'svg') {
    download(id + '.svg', url);
    return;
  }
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth * 2;
  canvas.height = image.naturalHeight * 2;
  const context = canvas.getContext('2d');
  context.fillStyle = 'white';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  download(id + '.png', canvas.toDataURL('image/png'));
}

document.addEventListener('click', async event => {
  const button = event.target.closest('button[data-save]');
  if (!button) return;
  const {save: format, chart, figure} = button.dataset;
  if (figure) return saveFigure(figure, format);
  const view = window.chartViews[chart];
  // Twice the screen resolution: sharp enough for print at a column's width.
  download(`${chart}.${format}`, await view.toImageURL(format, format === 'png' ? 2 : 1));
});

// Sorting: numbers by their exact value (data-v), text alphabetically, missing values last either way.
function sortTable(table, index, header) {
  const ascending = header.getAttribute('aria-sort') !== 'ascending';
  for (const other of table.tHead.rows[0].cells) other.setAttribute('aria-sort', 'none');
  header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
  const key = row => {
    const cell = row.cells[index];
    if (cell.classList.contains('na')) return null;
    return cell.dataset.v !== undefined ? Number(cell.dataset.v) : cell.textContent;
  };
  const rows = [...table.tBodies[0].rows];
  rows.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return (x === null) - (y === null);
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return ascending ? order : -order;
  });
  table.tBodies[0].append(...rows);
}

for (const table of document.querySelectorAll('table.data')) {
  [...table.tHead.rows[0].cells].forEach((header, index) =>
    header.querySelector('button').addEventListener('click', () => sortTable(table, index, header)));
}

// Printing (and the PDF, which is printed) shows every fold open, and a table still wider than the page after
// the print style has dropped its empty and older columns is scaled down to fit rather than cut. Both are
// undone afterwards. The PDF exporter calls these itself after switching to the print media.
let closedBeforePrint = [];
window.prepareForPrint = () => {
  closedBeforePrint = [...document.querySelectorAll('details:not([open])')];
  for (const fold of closedBeforePrint) fold.open = true;
  for (const table of document.querySelectorAll('table.data')) {
    table.style.zoom = '';
    const room = table.parentElement.clientWidth;
    if (table.scrollWidth > room) table.style.zoom = String(room / table.scrollWidth);
  }
};
window.restoreAfterPrint = () => {
  for (const fold of closedBeforePrint) fold.open = false;
  for (const table of document.querySelectorAll('table.data')) table.style.zoom = '';
};
window.addEventListener('beforeprint', window.prepareForPrint);
window.addEventListener('afterprint', window.restoreAfterPrint);
