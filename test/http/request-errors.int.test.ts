// A request whose body cannot be read gets the documented JSON error, on every server the project
// starts: functions-framework's (as Cloud Functions runs the api) and `npm start`'s Express. Nothing
// of the body, no stack and no path reaches the answer or any line written to the terminal.
import { gzipSync } from 'node:zlib';
import { signDevelopmentToken } from '../../functions/src/http/dev-token';
import { MAX_BODY_BYTES } from '../../functions/src/http/api';
import { LOCAL_STAFF } from '../../functions/src/local/local-env';
import { COORDINATOR } from '../support/bookings';
import { startApi, type Api } from '../support/api-harness';
import { startTestLocalService, type TestLocalService } from '../support/local-service';

const NAME = 'Jane Smithson';

interface Case {
  readonly what: string;
  readonly contentType: string;
  readonly body: string | Buffer;
  readonly encoding?: string;
  readonly status: number;
  readonly code: string;
}

const CASES: readonly Case[] = [
  {
    what: 'malformed JSON holding a name',
    contentType: 'application/json',
    body: `{"family":[{"name":"${NAME}",`,
    status: 400,
    code: 'REQUEST.MALFORMED_JSON',
  },
  {
    what: 'null',
    contentType: 'application/json',
    body: 'null',
    status: 400,
    code: 'REQUEST.MALFORMED_JSON',
  },
  {
    what: 'a bare string',
    contentType: 'application/json',
    body: `"${NAME}"`,
    status: 400,
    code: 'REQUEST.MALFORMED_JSON',
  },
  {
    what: 'bytes that are not UTF-8',
    contentType: 'application/json',
    body: Buffer.concat([Buffer.from('{"reason":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    status: 400,
    code: 'REQUEST.NOT_UTF8',
  },
  {
    what: 'a charset other than UTF-8',
    contentType: 'application/json; charset=latin1',
    body: '{}',
    status: 415,
    code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  },
  {
    what: 'plain text',
    contentType: 'text/plain',
    body: NAME,
    status: 415,
    code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  },
  {
    what: 'a compressed body',
    contentType: 'application/json',
    body: gzipSync(`{"reason":"${NAME}"}`),
    encoding: 'compress',
    status: 415,
    code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  },
  {
    what: 'an oversize body',
    contentType: 'application/json',
    body: JSON.stringify({ reason: NAME.repeat(Math.ceil((MAX_BODY_BYTES * 5) / NAME.length)) }),
    status: 413,
    code: 'REQUEST.TOO_LARGE',
  },
];

/** Everything the process writes to its terminal while `run` runs. */
async function terminalDuring(run: () => Promise<void>): Promise<string> {
  const written: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const keep = (chunk: unknown): boolean => {
    written.push(String(chunk));
    return true;
  };
  process.stdout.write = keep;
  process.stderr.write = keep;
  try {
    await run();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  return written.join('');
}

function expectNothingLeaked(text: string): void {
  expect(text).not.toContain('Smithson');
  expect(text).not.toMatch(/\bat .+:\d+:\d+\)?/);
  expect(text).not.toContain(process.cwd());
  expect(text).not.toContain('<html');
}

describe.each([
  ['functions-framework (Cloud Functions)', 'framework'],
  ["npm start's Express", 'local'],
] as const)('a body that cannot be read, on %s', (_name, server) => {
  let api: Api | undefined;
  let local: TestLocalService | undefined;
  let base: string;
  let bearer: string;

  beforeAll(async () => {
    if (server === 'framework') {
      api = await startApi();
      base = api.url;
      bearer = api.token(COORDINATOR);
    } else {
      local = await startTestLocalService('request-errors-');
      base = local.service.apiUrl;
      bearer = signDevelopmentToken(local.secret, { email: LOCAL_STAFF.coordinator, role: 'coordinator' });
    }
  });
  afterAll(async () => {
    await api?.stop();
    await local?.service.stop();
  });

  test.each(CASES.map((c) => [c.what, c] as const))(
    '%s is answered in JSON, and nothing of it is kept',
    async (_w, c) => {
      let answer: { status: number; type: string | null; text: string } | undefined;
      const terminal = await terminalDuring(async () => {
        const response = await fetch(`${base}/conferences`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${bearer}`,
            'content-type': c.contentType,
            ...(c.encoding === undefined ? {} : { 'content-encoding': c.encoding }),
          },
          body: c.body,
        });
        answer = {
          status: response.status,
          type: response.headers.get('content-type'),
          text: await response.text(),
        };
      });
      expect(answer?.status).toBe(c.status);
      expect(answer?.type).toMatch(/^application\/json/);
      const { error } = JSON.parse(answer?.text ?? '') as { error: Record<string, unknown> };
      expect(Object.keys(error)).toEqual(['code', 'message', 'fields']);
      expect(error.code).toBe(c.code);
      expectNothingLeaked(answer?.text ?? '');
      expectNothingLeaked(terminal);
      expectNothingLeaked((api?.rawLogs ?? []).join(''));
    },
  );

  test('an address with nothing at it is a JSON 404', async () => {
    const response = await fetch(`${base.replace(/\/api$/, '')}/nothing/here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'REQUEST.NO_ROUTE' } });
  });
});
