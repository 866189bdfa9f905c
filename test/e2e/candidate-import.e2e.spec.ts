import { withOwner } from '../support/database';
import { startTestApi, TestApi } from '../support/api';
import { signUpAgency, SignedUpAgency } from '../support/factories';

interface ImportReport {
  importId: string;
  imported: number;
  rejected: { line: number; email: string | null; reason: string }[];
}

describe('bulk import of candidates from CSV', () => {
  let api: TestApi;
  let agencyA: SignedUpAgency;
  let agencyB: SignedUpAgency;

  const upload = async (csv: string, token?: string) => {
    const response = await fetch(`${api.url}/candidates/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: csv,
    });
    return { status: response.status, body: (await response.json()) as ImportReport & { code?: string } };
  };
  const countCandidates = (agencyId: string) =>
    withOwner(api.db.ownerUrl, async (client) =>
      Number((await client.query('SELECT count(*) AS n FROM candidates WHERE agency_id = $1', [agencyId])).rows[0].n),
    );

  beforeAll(async () => {
    api = await startTestApi();
    agencyA = await signUpAgency(api);
    agencyB = await signUpAgency(api);
  });

  afterAll(() => api.close());

  it('imports the good rows and reports each rejected line with why', async () => {
    const csv = [
      'Name,Email,Phone,Counselor Email',
      `Ada Lovelace,ada@example.test,+44 20 7946 0958,${agencyA.adminEmail}`,
      'Grace Hopper,GRACE@example.test,,',
      ',nobody@example.test,,',
      'Bad Email,not-an-email,,',
      'Bad Phone,phone@example.test,12,',
      'Again Ada,ada@example.test,,',
      `Foreign Counselor,foreign@example.test,,${agencyB.adminEmail}`,
    ].join('\n');
    const { status, body } = await upload(csv, agencyA.accessToken);
    expect(status).toBe(200);
    expect(body.imported).toBe(2);
    expect(body.rejected.map((row) => row.line)).toEqual([4, 5, 6, 7, 8]);
    expect(body.rejected.find((row) => row.line === 8)!.reason).toMatch(/No counselor/);
    expect(body.rejected.find((row) => row.line === 7)!.reason).toMatch(/earlier in the file/);

    const audited = await withOwner(api.db.ownerUrl, async (client) =>
      Number(
        (
          await client.query(
            `SELECT count(*) AS n FROM audit_entries WHERE action = 'candidate.imported' AND agency_id = $1`,
            [agencyA.agencyId],
          )
        ).rows[0].n,
      ),
    );
    expect(audited).toBe(2);
  });

  it('reports candidates already in the agency instead of importing them twice', async () => {
    const { body } = await upload(
      'name,email\nAda Again,ada@example.test\nNew Person,new@example.test',
      agencyA.accessToken,
    );
    expect(body.imported).toBe(1);
    expect(body.rejected).toEqual([
      { line: 2, email: 'ada@example.test', reason: 'A candidate with this e-mail address already exists' },
    ]);
  });

  it('refuses a file without the needed columns, writing nothing', async () => {
    const before = await countCandidates(agencyA.agencyId);
    const { status, body } = await upload('first,last\nA,B', agencyA.accessToken);
    expect(status).toBe(400);
    expect(body.code).toBe('BAD_USER_INPUT');
    expect(await countCandidates(agencyA.agencyId)).toBe(before);
  });

  it('requires a signed-in staff member', async () => {
    const { status, body } = await upload('name,email\nX,x@example.test');
    expect(status).toBe(401);
    expect(body.code).toBe('UNAUTHENTICATED');
  });

  it('imports a 10,000-row file in one go, into the caller\u2019s agency only', async () => {
    const lines = ['name,email,phone'];
    for (let index = 0; index < 10000; index++)
      lines.push(`Candidate ${index},bulk${index}@import.test,+1 312 555 ${String(index % 10000).padStart(4, '0')}`);
    const before = await countCandidates(agencyB.agencyId);
    const { status, body } = await upload(lines.join('\n'), agencyB.accessToken);
    expect(status).toBe(200);
    expect(body.rejected).toEqual([]);
    expect(body.imported).toBe(10000);
    expect(await countCandidates(agencyB.agencyId)).toBe(before + 10000);
    const search = await api.gql(
      `{ candidates(first: 1, filter: { search: "bulk9999@" }) { totalCount } }`,
      {},
      { token: agencyB.accessToken },
    );
    expect(search.data!.candidates.totalCount).toBe(1);
    const inA = await api.gql(
      `{ candidates(first: 1, filter: { search: "bulk9999@" }) { totalCount } }`,
      {},
      { token: agencyA.accessToken },
    );
    expect(inA.data!.candidates.totalCount).toBe(0);
  });
});
