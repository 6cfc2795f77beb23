// Bundles the add-on for Apps Script (bundle.mjs): dist/Code.js, whose every exported function is
// a top-level function declaration, with the manifest and the list of those functions.
//
// ADDON_SERVICE_URL (https://…) fills the manifest's urlFetchWhitelist; without it the
// manifest keeps a placeholder that clasp push would publish uselessly, so push requires it.
import { Buffer } from 'node:buffer';
import { bundleScript } from './bundle.mjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { URL, fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist');

export async function buildAddon({ serviceUrl = process.env.ADDON_SERVICE_URL } = {}) {
  const { script, names } = await bundleScript(join(here, 'src/index.ts'));
  const manifest = JSON.parse(readFileSync(join(here, 'appsscript.json'), 'utf8'));
  if (serviceUrl !== undefined && serviceUrl !== '') {
    const url = new URL(serviceUrl);
    if (url.protocol !== 'https:') throw new Error('ADDON_SERVICE_URL must be an https:// address');
    manifest.urlFetchWhitelist = [`${url.origin}/`];
  }
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'Code.js'), script);
  writeFileSync(join(out, 'appsscript.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(out, 'functions.json'), `${JSON.stringify(names, null, 2)}\n`);
  return {
    names,
    bytes: Buffer.byteLength(script),
    placeholder: manifest.urlFetchWhitelist[0].includes('SERVICE_HOST'),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { names, bytes, placeholder } = await buildAddon();
  console.log(`addon/dist/Code.js: ${names.length} top-level functions, ${(bytes / 1024).toFixed(1)} KB`);
  if (placeholder) console.log('urlFetchWhitelist is a placeholder: set ADDON_SERVICE_URL before addon:push');
}
