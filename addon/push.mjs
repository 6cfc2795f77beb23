// `npm run addon:push`: builds the add-on for the service at ADDON_SERVICE_URL and pushes it
// with clasp to the Apps Script project named in addon/.clasp.json (copy .clasp.json.example;
// `npx clasp login` first). Refuses to push a bundle whose URL allowlist is the placeholder,
// because the add-on could then call nothing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import { buildAddon } from './build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const serviceUrl = process.env.ADDON_SERVICE_URL;
if (serviceUrl === undefined || serviceUrl === '') {
  console.error('Set ADDON_SERVICE_URL to the api function’s https:// address, e.g.');
  console.error(
    '  ADDON_SERVICE_URL=https://europe-west2-<project>.cloudfunctions.net/api npm run addon:push',
  );
  process.exit(2);
}
if (!existsSync(join(here, '.clasp.json'))) {
  console.error('addon/.clasp.json is missing: copy addon/.clasp.json.example and put in the script id.');
  process.exit(2);
}
const { names } = await buildAddon({ serviceUrl });
console.log(`Built ${names.length} functions for ${new URL(serviceUrl).origin}`);
const clasp = join(here, '..', 'node_modules', '.bin', 'clasp');
const result = spawnSync(clasp, ['push', '--force'], { cwd: here, stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
console.log('Pushed. In the Apps Script project settings, set the script properties:');
console.log(`  SERVICE_URL = ${serviceUrl}`);
console.log('and give the service ADDON_AUDIENCE = the project’s OAuth client id (see README).');
