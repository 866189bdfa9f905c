import { randomBytes } from 'node:crypto';
import { parse } from 'graphql';
import { Client } from 'pg';
import { startTestApi, TestApi } from '../support/api';
import { PASSWORD, signUpAgency, SignedUpAgency } from '../support/factories';

/**
 * Issue 9, item 3, GraphQL abuse: documents built to exhaust the server
 * (depth, cost, aliases, batches, long documents, fragment tricks, duplicated
 * fields and directives) and to map it (introspection, "Did you mean"
 * suggestions), against the API as deployed: NODE_ENV=production with the
 * default limits (depth 10, cost 40000, aliases 15) and GRAPHQL_INTROSPECTION
 * "auto", which is off in production.
 *
 * Each abusive document carries a write (a candidate with a marker of its
 * own, or a sign-in) so that "refused before execution" is proven by a row
 * that did not appear, not only by an error message.
 */

interface Answer {
  status: number;
  text: string;
  body?: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/** Signs of internals that no refusal may show. */
const INTERNAL_DETAILS =
  /\n\s+at |node_modules|\/work\/|TypeError|ReferenceError|RangeError|Cannot read propert|is not iterable|QueryFailedError/;

/** In production a refusal must not help an attacker map the schema. */
const SUGGESTION = /Did you mean/i;

const FIRST_CLIENT_ADDRESS = 200;

describe('GraphQL abuse in production: refused before anything runs', () => {
  let api: TestApi;
  let owner: Client;
  let admin: SignedUpAgency;
  let clientAddresses = FIRST_CLIENT_ADDRESS;

  beforeAll(async () => {
    api = await startTestApi({ NODE_ENV: 'production', GRAPHQL_INTROSPECTION: 'auto' });
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    admin = await signUpAgency(api);
  });

  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  /** A fresh client address: login throttling counts per address, and one test's guesses must not slow another's. */
  const nextClientAddress = () => `10.77.${Math.floor(clientAddresses / 256)}.${clientAddresses++ % 256}`;

  async function post(
    body: string,
    { token = admin.accessToken, contentType = 'application/json', clientAddress = nextClientAddress() } = {},
  ): Promise<Answer> {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-forwarded-for': clientAddress,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body,
      // An abuse that makes the server loop must fail this test, not hang the suite.
      signal: AbortSignal.timeout(15_000),
    });
    return readAnswer(response);
  }

  const postQuery = (query: string, extra: Record<string, unknown> = {}, options?: Parameters<typeof post>[1]) =>
    post(JSON.stringify({ query, ...extra }), options);

  async function readAnswer(response: Response): Promise<Answer> {
    const text = await response.text();
    try {
      return { status: response.status, text, body: JSON.parse(text) };
    } catch {
      return { status: response.status, text };
    }
  }

  /** A marker for the rows a document would write, were it run. */
  const marker = () => `abuse-${randomBytes(4).toString('hex')}`;

  /** A write that creates a candidate whose e-mail carries the marker, with the selection set given. */
  const createCandidate = (mark: string, selection = 'id', directives = '') =>
    `createCandidate(input: { fullName: "Abuse", email: "${mark}@abuse.test" })${directives} { ${selection} }`;

  async function rowsMarked(mark: string): Promise<number> {
    const result = await owner.query<{ rows: number }>(`SELECT count(*) AS rows FROM candidates WHERE email LIKE $1`, [
      `${mark}%`,
    ]);
    return Number(result.rows[0]!.rows);
  }

  /** Everything a run document would have written anywhere: new sign-ins, audit entries, candidates, agencies. */
  async function writeCounter(): Promise<string> {
    const result = await owner.query<{ counts: string }>(
      `SELECT concat_ws('/', (SELECT count(*) FROM auth_sessions), (SELECT count(*) FROM audit_entries),
                             (SELECT count(*) FROM candidates), (SELECT count(*) FROM agencies)) AS counts`,
    );
    return result.rows[0]!.counts;
  }

  /**
   * The document was refused before execution: HTTP 400 (Mercurius answers a
   * document that fails validation with 400, an executed one with 200), no
   * data, only validation errors, none internal or suggesting names, and
   * nothing written.
   */
  async function expectRefusedBeforeExecution(
    send: () => Promise<Answer>,
    mark: string,
    reason?: RegExp,
    status = 400,
  ) {
    const before = await writeCounter();
    const answer = await send();
    const errors = answer.body?.errors ?? [];
    expect({
      status: answer.status,
      data: answer.body?.data ?? null,
      codes: [...new Set(errors.map((error) => error.extensions?.code))],
      internal: errors.filter((error) => INTERNAL_DETAILS.test(error.message)).map((error) => error.message),
      suggestions: errors.filter((error) => SUGGESTION.test(error.message)).map((error) => error.message),
    }).toEqual({ status, data: null, codes: ['GRAPHQL_VALIDATION_FAILED'], internal: [], suggestions: [] });
    if (reason) expect(errors.map((error) => error.message).join('\n')).toMatch(reason);
    expect({ marked: await rowsMarked(mark), written: await writeCounter() }).toEqual({ marked: 0, written: before });
    return answer;
  }

  it('still runs an ordinary write, so the refusals below are about the abuse', async () => {
    const mark = marker();
    const answer = await postQuery(`mutation { ${createCandidate(mark)} }`);
    expect(answer.status).toBe(200);
    expect(answer.body?.errors).toBeUndefined();
    expect(await rowsMarked(mark)).toBe(1);
  });

  describe('the limits', () => {
    /** Candidate -> applications -> candidate -> ...: a cycle in the schema, so depth has no natural end. */
    const nested = (levels: number): string =>
      levels === 0
        ? 'id'
        : levels % 2
          ? `applications { ${nested(levels - 1)} }`
          : `candidate { ${nested(levels - 1)} }`;

    it('refuses a write nested deeper than the depth limit', async () => {
      const mark = marker();
      await expectRefusedBeforeExecution(
        () => postQuery(`mutation { ${createCandidate(mark, nested(13))} }`),
        mark,
        /depth limit of 10/,
      );
    });

    it('refuses a write over the cost limit', async () => {
      const mark = marker();
      const heavy = 'applications { candidate { counselor { agency { id name slug timezone country } } } }';
      await expectRefusedBeforeExecution(
        () => postQuery(`mutation { ${createCandidate(mark, Array(1000).fill(heavy).join(' '))} }`),
        mark,
        /Cost limit of 40000/,
      );
    });

    describe('page sizes sent as variables', () => {
      // About 62,000 at a page of 100 and 12,500 at 20: four pages of a dashboard-like selection.
      const node = `id fullName applications { stage position { title employer { name } } lastFollowUp { id occurredAt }
        nextStep { action dueAt reason } escalations { id level } }`;
      const page = (first: string) => `candidates(first: ${first}) { edges { node { ${node} } } }`;
      const pages = (first: string) => ['a', 'b', 'c', 'd'].map((alias) => `${alias}: ${page(first)}`).join(' ');

      it('are priced as if written in: $first = 100 is refused with the message of first: 100', async () => {
        const written = await expectRefusedBeforeExecution(
          () => postQuery(`{ ${pages('100')} }`),
          marker(),
          /Cost limit of 40000/,
        );
        const sent = await expectRefusedBeforeExecution(
          () => postQuery(`query($first: Int!) { ${pages('$first')} }`, { variables: { first: 100 } }),
          marker(),
          /Cost limit of 40000/,
        );
        expect(sent.body!.errors!.map((error) => error.message)).toEqual(
          written.body!.errors!.map((error) => error.message),
        );
      });

      it("and by the variable's default when it is not sent", async () => {
        await expectRefusedBeforeExecution(
          () => postQuery(`query($first: Int! = 100) { ${pages('$first')} }`),
          marker(),
          /Cost limit of 40000/,
        );
      });

      it('while the same query with a page of 20 runs', async () => {
        const answer = await postQuery(`query($first: Int!) { ${pages('$first')} }`, { variables: { first: 20 } });
        expect(answer.status).toBe(200);
        expect(answer.body?.errors).toBeUndefined();
        expect(answer.body?.data?.a).toBeDefined();
      });
    });

    it('refuses more aliases than the limit: sixteen aliased writes create nothing', async () => {
      const mark = marker();
      const aliased = Array.from({ length: 16 }, (_, index) => `c${index}: ${createCandidate(`${mark}-${index}`)}`);
      await expectRefusedBeforeExecution(() => postQuery(`mutation { ${aliased.join(' ')} }`), mark, /Aliases limit/);
    });

    it('refuses password guessing through 41 aliases of login: no sign-in happens', async () => {
      const guesses = Array.from(
        { length: 40 },
        (_, index) =>
          `g${index}: login(input: { agencySlug: "${admin.slug}", email: "${admin.adminEmail}", password: "guess ${index}" }) { accessToken }`,
      );
      // The right password last: had the guesses run, it would have opened a session (counted in auth_sessions).
      guesses.push(
        `right: login(input: { agencySlug: "${admin.slug}", email: "${admin.adminEmail}", password: "${PASSWORD}" }) { accessToken }`,
      );
      await expectRefusedBeforeExecution(
        () => postQuery(`mutation { ${guesses.join(' ')} }`, {}, { token: '' }),
        marker(),
        /Aliases limit/,
      );
    });

    it('checks one password per request within the alias limit: the first wrong guess ends the request', async () => {
      // Mutations run one after the other and login is non-null: a failed guess nulls the whole
      // response and the later aliases never run, so aliases do not multiply guesses.
      const before = await writeCounter();
      const guesses = Array.from(
        { length: 14 },
        (_, index) =>
          `g${index}: login(input: { agencySlug: "${admin.slug}", email: "${admin.adminEmail}", password: "guess ${index}" }) { accessToken }`,
      );
      guesses.push(
        `right: login(input: { agencySlug: "${admin.slug}", email: "${admin.adminEmail}", password: "${PASSWORD}" }) { accessToken }`,
      );
      const answer = await postQuery(`mutation { ${guesses.join(' ')} }`, {}, { token: '' });
      expect(answer.status).toBe(200);
      expect(answer.body?.data ?? null).toBeNull();
      expect(
        answer.body?.errors?.map((error) => [error.extensions?.code, (error as { path?: string[] }).path]),
      ).toEqual([['UNAUTHENTICATED', ['g0']]]);
      expect(await writeCounter()).toBe(before);
    });
  });

  describe('batches', () => {
    it('refuses a JSON array of operations (batching is off) and runs none of them', async () => {
      const mark = marker();
      const batch = Array.from({ length: 50 }, (_, index) => ({
        query: `mutation { ${createCandidate(`${mark}-${index}`)} }`,
      }));
      const answer = await expectRefusedBeforeExecution(() => post(JSON.stringify(batch)), mark);
      expect(answer.body?.errors?.[0]?.message).toBe('body must be object');
    });

    it('runs only the named operation of a document of many, never the others', async () => {
      const mark = marker();
      const document = [
        `query Harmless { __typename }`,
        ...Array.from({ length: 20 }, (_, index) => `mutation W${index} { ${createCandidate(`${mark}-${index}`)} }`),
      ].join('\n');
      const answer = await postQuery(document, { operationName: 'Harmless' });
      expect(answer.body).toEqual({ data: { __typename: 'Query' } });
      expect(await rowsMarked(mark)).toBe(0);
    });
  });

  describe('introspection and suggestions', () => {
    it.each([
      ['__schema', `query Map { __schema { types { name fields { name } } } }`],
      ['__type', `query Map { __type(name: "Candidate") { fields { name } } }`],
      ['an aliased __schema', `query Map { s: __schema { queryType { name } } }`],
      ['__type inside a fragment', `query Map { ...Peek } fragment Peek on Query { __type(name: "User") { name } }`],
    ])('refuses %s in production, with a write of the same document not run', async (_label, introspection) => {
      const mark = marker();
      // The write is the operation asked for: validation covers the whole document, so it must not run either.
      const document = `${introspection}\nmutation Write { ${createCandidate(mark)} }`;
      await expectRefusedBeforeExecution(
        () => postQuery(document, { operationName: 'Write' }),
        mark,
        /introspection has been disabled/,
      );
    });

    it('refuses introspection sent with GET as well', async () => {
      const response = await fetch(
        `${api.url}/graphql?query=${encodeURIComponent('{ __schema { queryType { name } } }')}`,
        { headers: { authorization: `Bearer ${admin.accessToken}` } },
      );
      const answer = await readAnswer(response);
      expect(answer.status).toBe(400);
      expect(answer.body?.errors?.[0]?.message).toMatch(/introspection has been disabled/);
    });

    it.each([
      ['a field', `{ me { emial } }`],
      ['a root field', `{ mee { id } }`],
      ['an argument', `{ users(frist: 2) { totalCount } }`],
      ['an enum value', `{ candidates(orderBy: TEMPERATUR) { totalCount } }`],
      ['an input field', `mutation { createCandidate(input: { fulName: "x", email: "x@abuse.test" }) { id } }`],
      ['a type', `query($x: Strin) { me { id } }`],
      ['a fragment type', `{ me { ... on Usr { id } } }`],
    ])('names no schema element it was not given when %s is misspelt', async (_label, document) => {
      const answer = await postQuery(document);
      expect(answer.status).toBe(400);
      const messages = (answer.body?.errors ?? []).map((error) => error.message);
      expect(messages.length).toBeGreaterThan(0);
      expect(messages.filter((message) => SUGGESTION.test(message))).toEqual([]);
    });
  });

  describe('long and tricky documents', () => {
    it('refuses 1 MB of whitespace around a write with 413, nothing run', async () => {
      const mark = marker();
      const padded = `${' '.repeat(1024 * 1024)}mutation { ${createCandidate(mark)} }`;
      const before = await writeCounter();
      const answer = await postQuery(padded);
      expect({ status: answer.status, codes: answer.body?.errors?.map((error) => error.extensions?.code) }).toEqual({
        status: 413,
        codes: [expect.not.stringMatching(/^INTERNAL_SERVER_ERROR$/)],
      });
      expect({ marked: await rowsMarked(mark), written: await writeCounter() }).toEqual({ marked: 0, written: before });
    });

    it('refuses a write of more than 100,000 tokens while parsing it (GRAPHQL_MAX_TOKENS), nothing run', async () => {
      const mark = marker();
      // 120,000 tokens in 360 KB: well inside the 1 MB body limit, so the token limit is what refuses it.
      await expectRefusedBeforeExecution(
        () => postQuery(`mutation { ${createCandidate(mark, 'id '.repeat(120_000))} }`),
        mark,
        /Syntax Error: Document contains more th\w+ 100000 tokens/,
      );
    });

    it('refuses a write selecting 30,000 fields (the same field repeated) by cost', async () => {
      const mark = marker();
      await expectRefusedBeforeExecution(
        () => postQuery(`mutation { ${createCandidate(mark, 'id '.repeat(30_000))} }`),
        mark,
        /Cost limit/,
      );
    });

    it('refuses { me { id id id ... } } x 30,000 by cost', async () => {
      await expectRefusedBeforeExecution(() => postQuery(`{ me { ${'id '.repeat(30_000)}} }`), marker(), /Cost limit/);
    });

    it('refuses a fragment cycle', async () => {
      const mark = marker();
      const document = `mutation { ${createCandidate(mark, '...A')} }
        fragment A on Candidate { id ...B }
        fragment B on Candidate { email ...A }`;
      await expectRefusedBeforeExecution(() => postQuery(document), mark, /Cannot spread fragment "A" within itself/);
    });

    it('refuses a chain of 50 fragments, each one level deeper, by depth', async () => {
      const mark = marker();
      const chain = Array.from(
        { length: 50 },
        (_, index) =>
          `fragment C${index} on Candidate { applications { candidate { ${index === 49 ? 'id' : `...C${index + 1}`} } } }`,
      );
      await expectRefusedBeforeExecution(
        () => postQuery(`mutation { ${createCandidate(mark, '...C0')} }\n${chain.join('\n')}`),
        mark,
        /depth limit/,
      );
    });

    it('refuses a fragment bomb (each fragment spreads the next twice: 2^25 fields) quickly', async () => {
      const mark = marker();
      const levels = 25;
      const fragments = Array.from({ length: levels }, (_, index) =>
        index === levels - 1
          ? `fragment F${index} on Candidate { id }`
          : `fragment F${index} on Candidate { ...F${index + 1} applications { candidate { ...F${index + 1} } } }`,
      );
      const started = Date.now();
      await expectRefusedBeforeExecution(
        () => postQuery(`mutation { ${createCandidate(mark, '...F0')} }\n${fragments.join('\n')}`),
        mark,
      );
      // Refused by arithmetic on the fragments, not by expanding 33 million fields.
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it('refuses @include(if: true) repeated 10,000 times, with a bounded number of errors', async () => {
      const mark = marker();
      const directives = ' @include(if: true)'.repeat(10_000);
      const answer = await expectRefusedBeforeExecution(
        () => postQuery(`mutation { ${createCandidate(mark, 'id', directives)} }`),
        mark,
        /can only be used once at this location/,
      );
      // graphql-js stops validating after 100 errors: the answer does not grow with the document.
      expect(answer.body!.errors!.length).toBeLessThanOrEqual(101);
    });

    it('refuses a write sent with GET (no mutation from a link or an image) with 405', async () => {
      const mark = marker();
      const url = `${api.url}/graphql?query=${encodeURIComponent(`mutation { ${createCandidate(mark)} }`)}`;
      await expectRefusedBeforeExecution(
        async () => readAnswer(await fetch(url, { headers: { authorization: `Bearer ${admin.accessToken}` } })),
        mark,
        /cannot be performed via a GET request/,
        405,
      );
    });

    /**
     * Mercurius reads a query text that does not parse as GraphQL but parses
     * as JSON as a ready-made syntax tree. A client has no business sending
     * one: it must be refused like any text that is not GraphQL, and never run.
     */
    it('refuses a document sent as a JSON syntax tree, and does not run it', async () => {
      const mark = marker();
      const tree = parse(`mutation { ${createCandidate(mark)} }`, { noLocation: true });
      await expectRefusedBeforeExecution(() => postQuery(JSON.stringify(tree)), mark, /Syntax Error/);
    });

    it.each([
      ['a number', '5'],
      ['a string', '"{ me { id } }"'],
      ['a broken tree', '{"kind": "Document", "definitions": [{"kind": "Nope"}]}'],
    ])('refuses a query text that is JSON (%s) as a syntax error, not an internal one', async (_label, text) => {
      await expectRefusedBeforeExecution(() => postQuery(text), marker(), /Syntax Error/);
    });
  });
});
