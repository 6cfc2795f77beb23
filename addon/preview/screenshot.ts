// Pictures of the preview page's screens, taken in Debian's Chromium through playwright-core.
// Playwright's own browser download cannot run on our machines (closed network), so the
// browser is the system one; .ci/run installs it. Node runs this file directly (type
// stripping), so it uses only erasable TypeScript and no relative runtime imports.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps dialling Google's hosts, which this
// network refuses; the page itself needs no network at all. Playwright already starts each
// browser with a fresh temporary profile (--user-data-dir), and refuses that flag in args.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(executablePath: string = CHROMIUM_PATH): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: install Debian's chromium: apt-get install -y chromium`,
    );
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

export type PageSource = { readonly html: string } | { readonly file: string };

export interface ScreenshotOptions {
  /** A browser to reuse (the caller closes it); otherwise one is launched and closed here. */
  readonly browser?: Browser;
  readonly executablePath?: string;
}

/**
 * Writes `<outDir>/<name>.png` for each `#screen-<name>` element of the page, at device scale
 * factor 2 so the pictures stay sharp on high-density screens and in the docs. Returns the
 * files written, in the order of `names`.
 */
export async function takeScreenshots(
  source: PageSource,
  outDir: string,
  names: readonly string[],
  options: ScreenshotOptions = {},
): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const browser = options.browser ?? (await launchChromium(options.executablePath));
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
  try {
    const page = await context.newPage();
    if ('html' in source) await page.setContent(source.html, { waitUntil: 'load' });
    else await page.goto(pathToFileURL(source.file).href, { waitUntil: 'load' });
    const written: string[] = [];
    for (const name of names) {
      const file = join(outDir, `${name}.png`);
      // An id lookup rather than a CSS selector, so a name can never be read as selector syntax.
      const frame = page.locator(`[id="screen-${name.replaceAll('"', '\\"')}"]`);
      if ((await frame.count()) !== 1)
        throw new Error(`preview: the page has no screen named ${JSON.stringify(name)}`);
      await frame.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
      written.push(file);
    }
    return written;
  } finally {
    await context.close();
    if (options.browser === undefined) await browser.close();
  }
}
