// node addon/preview/preview.ts [inDir] [outDir]
//
// Turns the card JSON that the add-on's screen tests record (ADDON_RECORD_DIR, one
// `{ name, title, card, notification? }` file per screen) into docs: `<outDir>/index.html`
// with every screen, and `<outDir>/<name>.png` for each. `npm run addon:preview` records and
// then runs this. Node runs it directly (type stripping), hence the `.ts` import paths, which
// addon/preview/tsconfig.json allows; the root tsconfig, used by ts-jest, does not.
import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { renderPreviewPage, type PreviewScreen } from './render-html.ts';
import { takeScreenshots } from './screenshot.ts';

const DEFAULT_IN = 'var/addon/cards';
const DEFAULT_OUT = 'docs/addon';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A shallow check of a recording: enough to name the bad file in the error. The card's inner
 * shape is the add-on's own typed output (card-json.ts), written by its tests, so it is trusted.
 */
function parseScreen(file: string, text: string): PreviewScreen {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not JSON (${err instanceof Error ? err.message : String(err)})`, {
      cause: err,
    });
  }
  if (!isRecord(data)) throw new Error(`${file}: expected an object { name, title, card, notification? }`);
  const { name, title, card, notification } = data;
  if (typeof name !== 'string' || typeof title !== 'string') {
    throw new Error(`${file}: "name" and "title" must be strings`);
  }
  if (!isRecord(card) || !isRecord(card['header']) || !Array.isArray(card['sections'])) {
    throw new Error(`${file}: "card" must be a card (with header and sections)`);
  }
  if (notification !== undefined && typeof notification !== 'string') {
    throw new Error(`${file}: "notification" must be a string when present`);
  }
  const screen = { name, title, card: card as unknown as PreviewScreen['card'] };
  return notification === undefined ? screen : { ...screen, notification };
}

async function main(argv: readonly string[]): Promise<void> {
  const inDir = argv[0] ?? DEFAULT_IN;
  const outDir = argv[1] ?? DEFAULT_OUT;
  const files = (await readdir(inDir).catch(() => [] as string[])).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) {
    throw new Error(
      `no recorded cards in ${inDir}: run the add-on's screen tests with ADDON_RECORD_DIR=${inDir} (npm run addon:preview does)`,
    );
  }
  const screens = await Promise.all(
    files.map(async (f) => parseScreen(join(inDir, f), await readFile(join(inDir, f), 'utf8'))),
  );
  await mkdir(outDir, { recursive: true });
  const index = join(outDir, 'index.html');
  // Ordered by file name so the page and its table of contents are stable between runs, and
  // formatted so `prettier --check .` (npm run lint) accepts the committed page. The pictures
  // are taken from this formatted file, so they show exactly what is committed.
  const html = await format(renderPreviewPage(screens), { ...(await resolveConfig(index)), filepath: index });
  await writeFile(index, html);
  const names = screens.map((s) => s.name);
  const pictures = await takeScreenshots({ file: index }, outDir, names);
  const stale = (await readdir(outDir)).filter((f) => f.endsWith('.png') && !names.includes(f.slice(0, -4)));
  console.log(
    `preview: ${index} and ${pictures.length} pictures from ${files.length} recordings in ${inDir}`,
  );
  // Not deleted: outDir may be a folder with other pictures; the person regenerating decides.
  for (const f of stale) console.log(`preview: ${join(outDir, f)} is not from this run (a removed screen?)`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(message.startsWith('preview: ') ? message : `preview: ${message}`);
  process.exitCode = 1;
});
