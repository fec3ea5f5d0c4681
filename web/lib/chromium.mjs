// Starts Debian's Chromium headless through playwright-core, which never downloads a browser of its own.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

// $LINKAGE_CHROMIUM, else the first of Debian's and other distributions' usual paths.
export function chromiumPath() {
  const candidates = [process.env.LINKAGE_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome'].filter(Boolean);
  const found = candidates.find(path => existsSync(path));
  if (!found) {
    throw new Error(`no Chromium found (looked for ${candidates.join(', ')}); install Debian's chromium ` +
      '(scripts/install-deps.sh does) or set LINKAGE_CHROMIUM');
  }
  return found;
}

// A browser with a fresh profile. The flags keep Chromium from reaching for Google's services at start-up
// (a closed network refuses those connections, and a report must open with none).
export async function launchChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'linkage-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  return {
    context: browser,
    async close() {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
