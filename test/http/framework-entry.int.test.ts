// The Cloud Functions entry point itself (index.ts), loaded as the framework loads it: its JSON
// answer for a body the framework cannot parse is in place before the framework builds its server.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import '../../functions/src/index';

test('the api function answers a malformed body with the JSON error, not Express’s HTML page', async () => {
  const server: Server = getTestServer('api');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/conferences`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "Jane Smithson",',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'REQUEST.MALFORMED_JSON' } });
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
