// Checks of a page open in Playwright that the dashboard and report tests share. Each assert* function throws an
// AssertionError naming what is wrong; `label` says which page or state it was, for the message.
//
//   await assertNoHorizontalOverflow(page, label)  the page is no wider than the window (the widest culprits named)
//   await assertAccessible(page, label)            axe-core finds no serious or critical violation
//   await chartColours(page)                       {chartId: {label: colour}} from each view in window.chartViews
//   assertConsistentColours(maps, label)           no label has two colours across maps (an array or an object)
//   await screenshotsAtWidths(page, folder, name, widths = [1280, 390])
//                                                  at each width: no overflow, and `${name}-${width}.png` saved
//   await chartsOnFirstScreen(page, selector)      how many of those elements start within the first screen
//
// Charts are read from window.chartViews, {chartId: Vega view}, which both pages keep.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const axeScript = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export async function assertNoHorizontalOverflow(page, label) {
  const found = await page.evaluate(() => {
    const width = window.innerWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    // The culprits reach past the window's right edge with no ancestor that clips or scrolls them; of those
    // nested in one another, the outermost is named.
    const clipped = element => {
      for (let parent = element.parentElement; parent; parent = parent.parentElement)
        if (getComputedStyle(parent).overflowX !== 'visible') return true;
      return false;
    };
    const name = element => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
      [...element.classList].map(name => '.' + name).join('');
    const reaching = [...document.body.querySelectorAll('*')]
      .map(element => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ element, box }) => box.right > width + 0.5 && !clipped(element));
    const reachingElements = new Set(reaching.map(({ element }) => element));
    const culprits = reaching.filter(({ element }) => !reachingElements.has(element.parentElement))
      .sort((a, b) => b.box.width - a.box.width)
      .slice(0, 5)
      .map(({ element, box }) =>
        `${name(element)} (${Math.round(box.width)} px wide, right edge at ${Math.round(box.right)})`);
    return { scrollWidth: document.documentElement.scrollWidth, width, culprits };
  });
  assert.equal(found, null, found && `${label}: the page is ${found.scrollWidth} px wide in a ${found.width} px ` +
    `window; widest culprits: ${found.culprits.join('; ') || 'none found'}`);
}

export async function assertAccessible(page, label) {
  if (!await page.evaluate(() => 'axe' in window)) await page.addScriptTag({ path: axeScript });
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document);
    return result.violations
      .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
      .map(violation => `${violation.id} (${violation.impact}, ${violation.nodes.length} elements): ` +
        `${violation.help}; e.g. ${violation.nodes.slice(0, 3).map(node => node.target.join(' ')).join(', ')}`);
  });
  assert.deepEqual(violations, [],
    `${label}: axe-core found serious or critical violations:\n${violations.join('\n')}`);
}

export async function chartColours(page) {
  return page.evaluate(() => {
    const maps = {};
    for (const [id, view] of Object.entries(window.chartViews ?? {})) {
      let scale;
      try {
        scale = view.scale('color');
      } catch {
        continue; // a chart without a colour encoding
      }
      // Lower case: '#4C78A8' and '#4c78a8' are one colour.
      maps[id] = Object.fromEntries(scale.domain().map(value => [String(value), String(scale(value)).toLowerCase()]));
    }
    return maps;
  });
}

// Returns the merged {label: colour}, so that a test can check which labels were compared.
export function assertConsistentColours(maps, label) {
  const seen = {};
  const conflicts = [];
  for (const [where, map] of Object.entries(maps)) {
    for (const [name, colour] of Object.entries(map)) {
      if (!seen[name]) seen[name] = { colour, where };
      else if (seen[name].colour !== colour)
        conflicts.push(`${name} is ${seen[name].colour} in ${seen[name].where} but ${colour} in ${where}`);
    }
  }
  assert.deepEqual(conflicts, [], `${label}: labels with two colours:\n${conflicts.join('\n')}`);
  return Object.fromEntries(Object.entries(seen).map(([name, { colour }]) => [name, colour]));
}

// Charts sized to their container redraw after the window's resize event: two frames for the event and the layout,
// then each view's pending run.
async function settle(page) {
  await page.evaluate(async () => {
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    await Promise.all(Object.values(window.chartViews ?? {}).map(view => view.runAsync()));
    await document.fonts.ready;
  });
}

// Leaves the page at the viewport it had.
export async function screenshotsAtWidths(page, folder, name, widths = [1280, 390]) {
  const original = page.viewportSize();
  const paths = [];
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    await settle(page);
    await assertNoHorizontalOverflow(page, `${name} at ${width} px`);
    const path = resolve(folder, `${name}-${width}.png`);
    await page.screenshot({ path, fullPage: true });
    paths.push(path);
  }
  if (original) {
    await page.setViewportSize(original);
    await settle(page);
  }
  return paths;
}

// Hidden elements (no box) are not counted.
export async function chartsOnFirstScreen(page, selector) {
  return page.$$eval(selector, elements => elements.filter(element => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.top + window.scrollY < window.innerHeight;
  }).length);
}
