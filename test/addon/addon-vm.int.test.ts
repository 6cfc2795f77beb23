// The add-on VM's bridge to the real service: a bundle built like the add-on, running in the
// worker thread's VM, calls the `api` function (Firestore emulator + Google fake) through the
// UrlFetchApp double, which blocks on shared memory while this thread does the HTTP request.
// Proves the identity token reaches the service, a status comes back as a status (as with
// muteHttpExceptions), a large body crosses intact, and an unreachable address is an Exception.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startApi, type Api } from '../support/api-harness';
import { COORDINATOR } from '../support/bookings';
import { buildTestBundle, DEFAULT_BUNDLE, startAddonVm, type AddonVm } from '../support/addon-vm';
import { expectValidCard } from '../support/card-schema';

// Each probe answers with a card whose title is the outcome, as the add-on's triggers answer.
const PROBES = `
  import { toCard } from './apps-script/card-service';
  import { appsScriptPlatform } from './apps-script/platform';

  function show(title: string, text: string) {
    return toCard({ name: 'probe', header: { title }, sections: [{ widgets: [{ textParagraph: { text } }] }] });
  }

  function serviceUrl(): string {
    const url = appsScriptPlatform().scriptProperty('SERVICE_URL');
    if (url === null) throw new Error('SERVICE_URL is not set');
    return url;
  }

  export function probeConferences() {
    const platform = appsScriptPlatform();
    const token = platform.identityToken();
    console.log('listing conferences', { signedIn: token !== null });
    const response = platform.fetch({
      method: 'GET',
      url: serviceUrl() + '/conferences?from=2026-11-23&to=2026-12-23',
      headers: token === null ? {} : { Authorization: 'Bearer ' + token },
    });
    return show('Status ' + response.status, response.body);
  }

  export function probeBody() {
    const response = appsScriptPlatform().fetch({ method: 'POST', url: serviceUrl() + '/echo', headers: {}, payload: '{"n":1}' });
    return show('Status ' + response.status, response.body.length + ' characters, ends ' + response.body.slice(-12));
  }

  export function probeUnmuted() {
    return show('unreachable', UrlFetchApp.fetch(serviceUrl() + '/conferences').getContentText());
  }
`;

let api: Api;
let vm: AddonVm;
let big: Server;
let bigUrl: string;
let closedUrl: string;

/** 3 MB of multi-byte text: more than the shared buffer starts with, and not ASCII. */
const BIG_BODY = `${'é'.repeat(1_500_000)}…the end`;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  api = await startApi();
  vm = await startAddonVm({
    bundlePath: await buildTestBundle(PROBES),
    scriptProperties: { SERVICE_URL: api.url },
  });
  big = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(BIG_BODY);
    });
  });
  bigUrl = await listen(big);
  // A port that was just listening and is now closed: nothing answers there.
  const closed = createServer();
  closedUrl = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
});

afterAll(async () => {
  await vm.stop();
  await new Promise((resolve) => big.close(resolve));
  await api.stop();
});

describe('the add-on VM', () => {
  it("calls the real api with the user's identity token and shows what it answered", async () => {
    const token = api.token(COORDINATOR);
    const { outcome, fetches, logs } = await vm.call(
      'probeConferences',
      { commonEventObject: { hostApp: 'CALENDAR' } },
      { identityToken: token },
    );
    expect(outcome.kind).toBe('cards');
    const card = outcome.kind === 'cards' ? outcome.cards[0] : undefined;
    expect(card?.header.title).toBe('Status 200');
    const text = card?.sections[0]?.widgets[0];
    expect(
      text !== undefined && 'textParagraph' in text ? JSON.parse(text.textParagraph.text) : null,
    ).toEqual({
      conferences: [],
    });
    expectValidCard(card);
    expect(fetches).toEqual([
      {
        method: 'GET',
        url: `${api.url}/conferences?from=2026-11-23&to=2026-12-23`,
        headers: { Authorization: `Bearer ${token}` },
      },
    ]);
    expect(logs).toEqual(['listing conferences {"signedIn":true}']);
  });

  it('passes a 401 through as a status, as muteHttpExceptions does, when there is no token', async () => {
    const { outcome } = await vm.call('probeConferences', {}, { identityToken: null });
    expect(outcome).toMatchObject({ kind: 'cards', cards: [{ header: { title: 'Status 401' } }] });
  });

  it('answers calls made together, one after the other as Apps Script executions', async () => {
    const token = api.token(COORDINATOR);
    const [a, b] = await Promise.all([
      vm.call('probeConferences', {}, { identityToken: token }),
      vm.call('probeConferences', {}, { identityToken: null }),
    ]);
    expect(a.outcome).toMatchObject({ cards: [{ header: { title: 'Status 200' } }] });
    expect(b.outcome).toMatchObject({ cards: [{ header: { title: 'Status 401' } }] });
  });

  it('brings a body larger than the shared buffer across intact', async () => {
    const { outcome, fetches } = await vm.call(
      'probeBody',
      {},
      { identityToken: null, scriptProperties: { SERVICE_URL: bigUrl } },
    );
    expect(outcome).toMatchObject({
      cards: [
        {
          header: { title: 'Status 200' },
          sections: [
            {
              widgets: [
                { textParagraph: { text: `${BIG_BODY.length} characters, ends ${BIG_BODY.slice(-12)}` } },
              ],
            },
          ],
        },
      ],
    });
    expect(fetches[0]).toMatchObject({
      method: 'POST',
      payload: '{"n":1}',
      headers: { 'Content-Type': 'application/json' },
    });
  });

  it('throws an Exception for an address nothing answers at, which the platform reports without the query', async () => {
    const { outcome, logs } = await vm.call(
      'probeConferences',
      {},
      { identityToken: null, scriptProperties: { SERVICE_URL: closedUrl } },
    );
    expect(outcome).toEqual({
      kind: 'thrown',
      message: `Could not reach ${closedUrl}/conferences: Address unavailable: ${closedUrl}/conferences`,
    });
    expect(logs.at(-1)).toMatch(/^ERROR: NetworkError: Could not reach/);
  });

  it("throws Apps Script's own exception for an error status without muteHttpExceptions", async () => {
    const { outcome } = await vm.call('probeUnmuted', {}, { identityToken: null });
    expect(outcome).toEqual({
      kind: 'thrown',
      message: expect.stringMatching(
        new RegExp(
          `^Request failed for ${api.url.replace(/\./g, '\\.')} returned code 401\\. Truncated server response: `,
        ),
      ) as unknown,
    });
  });

  it('does not run a function the bundle does not declare', async () => {
    expect(vm.functions).toEqual(expect.arrayContaining(['probeConferences', 'probeBody', 'probeUnmuted']));
    const { outcome } = await vm.call('nowhere', {}, { identityToken: null });
    expect(outcome).toEqual({ kind: 'thrown', message: 'Script function not found: nowhere' });
  });
});

describe('the built add-on in the VM', () => {
  it('declares every function addon/build.mjs exported', async () => {
    const exported = JSON.parse(readFileSync(join(DEFAULT_BUNDLE, '../functions.json'), 'utf8')) as string[];
    const addon = await startAddonVm();
    try {
      expect(addon.functions).toEqual(expect.arrayContaining(exported));
    } finally {
      await addon.stop();
    }
  });
});
