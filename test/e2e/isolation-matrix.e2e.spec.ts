import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { errorCode, startTestApi, TestApi } from '../support/api';
import { PASSWORD } from '../support/factories';
import {
  ACTOR_NAMES,
  Actor,
  ActorName,
  AgencyKey,
  buildIsolationWorld,
  Desk,
  IsolationWorld,
  leakMarks,
  otherAgency,
} from '../support/isolation-actors';
import {
  documentWithinLimits,
  hasOptionalIdArguments,
  ValueSource,
  variablesFor,
} from '../support/operation-variables';
import { committedSchema, everyRootField, RootField } from '../support/operations';

/*
 * Issue 9, item 1: every query and mutation of the committed schema (a new one
 * is covered without editing this file), called by each of six actors with ids
 * that belong to someone else. Only the cells of ALLOWED may succeed (or answer
 * the code they name); every other cell answers NOT_FOUND, FORBIDDEN or
 * UNAUTHENTICATED (anonymous: UNAUTHENTICATED) and changes no row of any table.
 */

type Code = 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'BAD_USER_INPUT';
const REFUSALS: readonly string[] = ['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED'];

interface Allowance {
  operation: string;
  actors: readonly ActorName[];
  /** SUCCEEDS: answers data without any id or text of someone else; a code: answers exactly that error. */
  outcome: 'SUCCEEDS' | Code;
  /** Tables of the caller's own agency the cell may change; every other table and agency stays as it was. */
  writes?: readonly string[];
  /** The cell creates a new agency: rows of agencies that did not exist before it may appear. */
  createsAgency?: boolean;
  /** A further check of a successful body: a problem in words, or undefined. */
  check?: (body: any) => string | undefined;
  reason: string;
}

const ADMINS: readonly ActorName[] = ['adminA', 'adminB'];
const STAFF: readonly ActorName[] = ['adminA', 'counselorA', 'adminB'];
const CANDIDATES: readonly ActorName[] = ['candidateA1', 'candidateA2'];
const SIGNED_IN: readonly ActorName[] = [...STAFF, ...CANDIDATES];
const EVERYONE: readonly ActorName[] = ACTOR_NAMES;

/** Where an allowed write lands: the row written, and the audit entry every change of a record leaves. */
const AUDITED = (...tables: string[]) => [...tables, 'audit_entries'];

/**
 * The only cells that may do anything but refuse, each with why. An operation (or an actor) not named here is
 * expected to be refused: a new operation is, until someone adds it here on purpose.
 */
const ALLOWED: readonly Allowance[] = [
  // Public operations, given the other agency's name, credentials or tokens.
  {
    operation: 'signUpAgency',
    actors: EVERYONE,
    outcome: 'SUCCEEDS',
    createsAgency: true,
    reason:
      "public: creates a new agency (named and administered like the other one); A's and B's rows stay as they were",
  },
  {
    operation: 'login',
    actors: EVERYONE,
    outcome: 'UNAUTHENTICATED',
    reason: "public: one agency's e-mail and password under the other agency's slug are wrong credentials",
  },
  {
    operation: 'refreshSession',
    actors: EVERYONE,
    outcome: 'UNAUTHENTICATED',
    reason: "public: one agency's refresh token presented under the other agency's id is not a valid token",
  },
  {
    operation: 'acceptInvitation',
    actors: EVERYONE,
    outcome: 'BAD_USER_INPUT',
    reason:
      "public: API answers an invitation token that is not valid (here: another agency's) as invalid input on `token`",
  },
  // The caller's own, with no id to give: the session, the agency's settings and lists.
  { operation: 'me', actors: SIGNED_IN, outcome: 'SUCCEEDS', reason: 'the signed-in user, of their own agency' },
  {
    operation: 'logout',
    actors: SIGNED_IN,
    outcome: 'SUCCEEDS',
    writes: ['auth_sessions'],
    reason: "ends the caller's own (spare) session",
  },
  { operation: 'agencyPolicy', actors: STAFF, outcome: 'SUCCEEDS', reason: "the policy of the caller's agency" },
  ...['applications', 'candidates', 'employers', 'escalations', 'pipelineReports'].map((operation) => ({
    operation,
    actors: STAFF,
    outcome: 'SUCCEEDS' as const,
    reason: "a list of the caller's agency; a foreign id in the filter matches nothing",
  })),
  ...['users', 'auditEntries', 'webhooks'].map((operation) => ({
    operation,
    actors: ADMINS,
    outcome: 'SUCCEEDS' as const,
    reason: "an admin's list of their own agency",
  })),
  {
    operation: 'createEmployer',
    actors: STAFF,
    outcome: 'SUCCEEDS',
    writes: AUDITED('employers'),
    reason: "takes no id: a new employer in the caller's agency",
  },
  {
    operation: 'updateAgencyPolicy',
    actors: ADMINS,
    outcome: 'SUCCEEDS',
    writes: AUDITED('agency_policies'),
    reason: "takes no id: the admin's own agency's policy",
  },
  {
    operation: 'generatePipelineReport',
    actors: ADMINS,
    outcome: 'SUCCEEDS',
    writes: AUDITED('pipeline_reports'),
    reason: "the other agency's week, generated from the admin's own agency's figures",
  },
  {
    operation: 'inviteUser',
    actors: ADMINS,
    outcome: 'SUCCEEDS',
    writes: AUDITED('invitations'),
    reason: "takes no id: an invitation into the admin's own agency",
  },
  {
    operation: 'addWebhook',
    actors: ADMINS,
    outcome: 'SUCCEEDS',
    writes: AUDITED('agency_webhooks'),
    reason: "takes no id: a webhook of the admin's own agency",
  },
  {
    operation: 'runEscalationSweep',
    actors: ADMINS,
    outcome: 'SUCCEEDS',
    // The world was swept just before: these tables change only if a rung fell due meanwhile.
    writes: ['escalations', 'notifications'],
    reason: "sweeps the admin's own agency",
  },
  // The candidate's own scope, implicit in the token.
  ...['myApplications', 'myReferences', 'exportMyData'].map((operation) => ({
    operation,
    actors: CANDIDATES,
    outcome: 'SUCCEEDS' as const,
    reason: "the candidate's own records",
  })),
  {
    operation: 'addMyReference',
    actors: CANDIDATES,
    outcome: 'SUCCEEDS',
    writes: AUDITED('candidate_references'),
    reason: "takes no id: a referee of the candidate's own",
  },
  {
    operation: 'requestErasure',
    actors: CANDIDATES,
    outcome: 'SUCCEEDS',
    writes: AUDITED('erasure_requests'),
    reason: "the candidate's own erasure request",
  },
  // REST.
  {
    operation: 'POST /candidates/import',
    actors: STAFF,
    outcome: 'SUCCEEDS',
    check: (body: { imported: number; rejected: unknown[] }) =>
      body.imported === 0 && body.rejected.length === 1
        ? undefined
        : `imported a row naming another agency's counselor`,
    reason: "imports into the caller's agency; a row naming the other agency's counselor is a rejected line",
  },
];

/** Operations that end the session they are called with: called with the actor's spare session. */
const ENDS_SESSION = new Set(['logout']);

/** Tables not compared, each with why. */
const NOT_COMPARED: Record<string, string> = {
  migrations: "the owner's bookkeeping; the application role has no right on it",
};

/**
 * In an "own record + foreign ids" call, the record acted upon comes from the actor's own desk (the first argument
 * of one of these kinds) and every other id from the target: e.g. own application + foreign contact.
 */
const ANCHOR_KINDS = new Set(['Application', 'Candidate', 'Interview']);

/** A call's result: `code` undefined when it succeeded. */
interface Outcome {
  code?: string;
  message?: string;
  body: unknown;
}

interface Call {
  label: string;
  variables?: Record<string, unknown>;
  run(): Promise<Outcome>;
}

interface Cell {
  operation: string;
  actor: Actor;
  calls: Call[];
}

interface Unexpected {
  operation: string;
  actor: ActorName;
  call: string;
  expected: string;
  got: string;
  message?: string;
  changedTables?: string[];
  leaked?: string[];
  problem?: string;
  variables?: Record<string, unknown>;
}

/** Row count and checksum per `table@agency`. */
type Fingerprints = Map<string, string>;

/**
 * One statement computing, per table of schema public and per agency, a row
 * count and an md5 of every row's text, run as the owner (no row-level
 * security). `agencies` is keyed by its own id; a table without `agency_id`
 * would be compared whole ('*'). Read from the catalog, so new tables count.
 */
async function fingerprintQuery(client: Client): Promise<string> {
  const tables = (
    await client.query<{ name: string; keyed: string | null }>(
      `SELECT c.relname AS name,
              CASE WHEN c.relname = 'agencies' THEN 'id'
                   WHEN EXISTS (SELECT 1 FROM pg_attribute a
                                 WHERE a.attrelid = c.oid AND a.attname = 'agency_id' AND NOT a.attisdropped)
                   THEN 'agency_id' END AS keyed
         FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        ORDER BY c.relname`,
    )
  ).rows.filter((table) => !(table.name in NOT_COMPARED));
  return tables
    .map(
      ({ name, keyed }) =>
        `SELECT '${name}' AS name, ${keyed ? `t.${keyed}::text` : `'*'`} AS agency, count(*)::int AS n,
                md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest
           FROM "${name}" t GROUP BY 1, 2`,
    )
    .join('\nUNION ALL\n');
}

async function fingerprints(client: Client, query: string): Promise<Fingerprints> {
  const rows = (await client.query<{ name: string; agency: string; n: number; digest: string }>(query)).rows;
  return new Map(rows.map((row) => [`${row.name}@${row.agency}`, `${row.n}:${row.digest}`]));
}

function changedKeys(before: Fingerprints, after: Fingerprints): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((key) => before.get(key) !== after.get(key)).sort();
}

function agencyIdsIn(prints: Fingerprints): Set<string> {
  return new Set([...prints.keys()].filter((key) => key.startsWith('agencies@')).map((key) => key.split('@')[1]!));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Leaves out the marks the caller supplied itself: `ids` too for a refusal, whose message may name what was asked. */
function notSupplied(marks: readonly string[], variables: Record<string, unknown> = {}, ids: boolean): string[] {
  const supplied = JSON.stringify(variables);
  return marks.filter((mark) => !supplied.includes(mark) || (UUID.test(mark) && !ids));
}

/**
 * The marks found in a response as whole tokens, so that the slug "agency-1a2b"
 * is not found in a new agency's "agency-1a2b-2".
 */
function leaksIn(body: unknown, marks: readonly string[]): string[] {
  const text = JSON.stringify(body ?? null);
  return marks.filter((mark) => {
    const escaped = mark.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\w@.-])${escaped}($|[^\\w@-])`).test(text);
  });
}

function allowanceTable(): Map<string, Allowance> {
  const table = new Map<string, Allowance>();
  for (const allowance of ALLOWED) {
    for (const actor of allowance.actors) {
      const key = `${allowance.operation}/${actor}`;
      if (table.has(key)) throw new Error(`ALLOWED names ${key} twice`);
      table.set(key, allowance);
    }
  }
  return table;
}

describe('the isolation matrix, generated from the schema', () => {
  const schema = committedSchema();
  const allowances = allowanceTable();
  /** Arguments the world had no id for: called with an id that exists nowhere, and said so in the summary. */
  const notes = new Set<string>();
  let api: TestApi;
  let world: IsolationWorld;
  let owner: Client;
  let fingerprintSql: string;
  let addressSerial = 0;

  beforeAll(async () => {
    api = await startTestApi();
    world = await buildIsolationWorld(api);
    owner = new Client({ connectionString: api.db.ownerUrl });
    await owner.connect();
    fingerprintSql = await fingerprintQuery(owner);
  }, 60_000);

  afterAll(async () => {
    await owner?.end();
    await api?.close();
  });

  /** A client address of its own per call, so that the login throttle never slows the matrix down. */
  const nextAddress = () => {
    addressSerial++;
    return `198.18.${Math.floor(addressSerial / 250)}.${(addressSerial % 250) + 1}`;
  };

  const agencyIdOf = (key: AgencyKey) => world.agencies[key].signedUp.agencyId;
  const agencyLabel = (id: string) =>
    id === agencyIdOf('A') ? 'A' : id === agencyIdOf('B') ? 'B' : id === '*' ? 'all' : `new agency ${id.slice(0, 8)}`;

  /** A token of agency `from` presented under the other agency's id: valid in form, foreign in fact. */
  const crossAgencyToken = (token: string, from: AgencyKey) =>
    [agencyIdOf(otherAgency(from)), ...token.split('.').slice(1)].join('.');

  /**
   * The values of one call: ids of the target desk (or of its agency, for
   * agency-level kinds), and with `own`, the first anchor id (the record acted
   * upon) from the actor's own desk instead. `state` tells whether anything
   * of the target, or of the actor's own, went in.
   */
  function sourceFor(actor: Actor, target: Desk, own?: Desk) {
    const agency = world.agencies[target.agency];
    const state = { usedTarget: false, usedOwn: false };
    const targeted: Record<string, () => string> = {
      weekStart: () => agency.weekStart,
      token: () => crossAgencyToken(agency.invitationToken, agency.key),
      refreshToken: () => crossAgencyToken(agency.refreshToken, agency.key),
      agencyName: () => agency.name,
      adminEmail: () => agency.signedUp.adminEmail,
    };
    const source: ValueSource = {
      kinds: [...new Set([...Object.keys(target.ids), ...Object.keys(agency.ids)])],
      id(kind, where) {
        if (own && !state.usedOwn && kind && ANCHOR_KINDS.has(kind) && own.ids[kind]) {
          state.usedOwn = true;
          return own.ids[kind]!;
        }
        const id = kind ? (target.ids[kind] ?? agency.ids[kind]) : undefined;
        if (!id) {
          notes.add(`${where}: no ${kind ?? 'known'} id in the world, called with an id that does not exist`);
          return randomUUID();
        }
        state.usedTarget = true;
        return id;
      },
      text(name) {
        if (!targeted[name]) return undefined;
        state.usedTarget = true;
        return targeted[name]!();
      },
      input(typeName) {
        if (typeName !== 'LoginInput') return undefined;
        // One's own credentials under the other agency's slug; anonymous: the other agency's admin's.
        if (actor.credentials) {
          return { agencySlug: world.agencies[otherAgency(actor.agency!)].signedUp.slug, ...actor.credentials };
        }
        state.usedTarget = true;
        const stranger = world.agencies[otherAgency(target.agency)].signedUp;
        return { agencySlug: agency.signedUp.slug, email: stranger.adminEmail, password: PASSWORD };
      },
    };
    return { source, state };
  }

  /**
   * The calls of one GraphQL cell: one per target desk (one in all when
   * nothing of the target goes in), a list's without its filter, and "own
   * record + foreign ids" when the operation takes both.
   */
  function graphqlCell(root: RootField, actor: Actor): Cell {
    const document = documentWithinLimits(schema, root);
    const token = ENDS_SESSION.has(root.name) ? actor.spareToken : actor.token;
    const call = (label: string, variables: Record<string, unknown>): Call => ({
      label,
      variables,
      run: async () => {
        const response = await api.gql(document, variables, { token, clientAddress: nextAddress() });
        return {
          code: errorCode(response),
          message: response.errors?.[0]?.message,
          body: response.data ?? response.errors,
        };
      },
    });
    const calls: Call[] = [];
    for (const targetName of actor.targets) {
      const { source, state } = sourceFor(actor, world.desks[targetName]);
      calls.push(call(`${targetName}'s ids`, variablesFor(root.field, source)));
      if (!state.usedTarget) break;
    }
    const firstTarget = world.desks[actor.targets[0]!];
    if (hasOptionalIdArguments(root.field)) {
      const { source } = sourceFor(actor, firstTarget);
      calls.push(call('no filter', variablesFor(root.field, source, { requiredOnly: true })));
    }
    if (actor.own) {
      const { source, state } = sourceFor(actor, firstTarget, world.desks[actor.own]);
      const variables = variablesFor(root.field, source);
      if (state.usedOwn && state.usedTarget) {
        calls.push(call(`own ${actor.own} record + ${firstTarget.name}'s ids`, variables));
      }
    }
    return { operation: root.name, actor, calls };
  }

  async function restOutcome(method: string, path: string, token?: string, csv?: string): Promise<Outcome> {
    const response = await fetch(`${api.url}${path}`, {
      method,
      headers: {
        'x-forwarded-for': nextAddress(),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(csv ? { 'content-type': 'text/csv' } : {}),
      },
      body: csv,
    });
    const text = await response.text();
    if (response.ok) return { body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
    const error = JSON.parse(text) as { code?: string; message?: string };
    return { code: error.code ?? `HTTP ${response.status}`, message: error.message, body: error };
  }

  /** The REST endpoints as extra rows: an import naming the target's counselor, the target agency's report downloads. */
  function restCells(actor: Actor): Cell[] {
    const targets = actor.targets.map((name) => world.desks[name]);
    const csv = (target: Desk) =>
      `name,email,counselor_email\nMatrix Import,matrix-import-${randomUUID()}@example.test,${target.counselorEmail}\n`;
    const download = (format: string): Cell => ({
      operation: `GET /reports/<id>.${format}`,
      actor,
      calls: targets.map((target) => ({
        label: `${target.agency}'s report`,
        run: () =>
          restOutcome('GET', `/reports/${world.agencies[target.agency].ids.PipelineReport}.${format}`, actor.token),
      })),
    });
    return [
      {
        operation: 'POST /candidates/import',
        actor,
        calls: targets.map((target) => ({
          label: `${target.name}'s counselor`,
          run: () => restOutcome('POST', '/candidates/import', actor.token, csv(target)),
        })),
      },
      download('csv'),
      download('html'),
    ];
  }

  /** The rows a cell may change: none, or the allowed tables of the caller's agency, or a new agency's. */
  function forbiddenChanges(allowance: Allowance | undefined, actor: Actor, changes: string[], existing: Set<string>) {
    const own = actor.agency ? agencyIdOf(actor.agency) : undefined;
    return changes
      .map((key) => key.split('@') as [string, string])
      .filter(([table, agency]) => {
        if (allowance?.outcome !== 'SUCCEEDS') return true;
        if (allowance.createsAgency && agency !== '*' && !existing.has(agency)) return false;
        return !(agency === own && allowance.writes?.includes(table));
      })
      .map(([table, agency]) => `${table}@${agencyLabel(agency)}`);
  }

  /** What is wrong with one call of a cell, or undefined. */
  function judge(cell: Cell, call: Call, outcome: Outcome, changedTables: string[], leaked: string[]) {
    const allowance = allowances.get(`${cell.operation}/${cell.actor.name}`);
    const anonymous = cell.actor.name === 'anonymous';
    const expected = allowance?.outcome ?? (anonymous ? 'UNAUTHENTICATED' : REFUSALS.join('|'));
    const succeeded = outcome.code === undefined;
    const problem = succeeded ? allowance?.check?.(outcome.body) : undefined;
    const asExpected =
      expected === 'SUCCEEDS'
        ? succeeded
        : allowance || anonymous
          ? outcome.code === expected
          : REFUSALS.includes(outcome.code!);
    if (asExpected && !changedTables.length && !leaked.length && !problem) return undefined;
    const unexpected: Unexpected = {
      operation: cell.operation,
      actor: cell.actor.name,
      call: call.label,
      expected,
      got: outcome.code ?? 'SUCCEEDED',
      ...(outcome.message ? { message: outcome.message } : {}),
      ...(changedTables.length ? { changedTables } : {}),
      ...(leaked.length ? { leaked } : {}),
      ...(problem ? { problem } : {}),
      ...(call.variables ? { variables: call.variables } : {}),
    };
    return unexpected;
  }

  it('lets only the allowed cells succeed; every other cell is refused and changes nothing', async () => {
    const started = Date.now();
    const roots = everyRootField(schema);
    const actors = ACTOR_NAMES.map((name) => world.actors[name]);
    const ofKind = (kind: RootField['kind']) =>
      roots
        .filter((root) => root.kind === kind)
        .sort((a, b) => Number(ENDS_SESSION.has(a.name)) - Number(ENDS_SESSION.has(b.name)));
    // Queries before mutations: an allowed write (a report generated for the other agency's week) must not turn
    // a later read into a success.
    const cells: Cell[] = [
      ...ofKind('query').flatMap((root) => actors.map((actor) => graphqlCell(root, actor))),
      ...actors.flatMap((actor) => restCells(actor)),
      ...ofKind('mutation').flatMap((root) => actors.map((actor) => graphqlCell(root, actor))),
    ];
    const marksOf = new Map(actors.map((actor) => [actor.name, leakMarks(world, actor)]));
    const ownSeen = new Map<ActorName, string>();

    const unexpected: Unexpected[] = [];
    let calls = 0;
    let before = await fingerprints(owner, fingerprintSql);
    for (const cell of cells) {
      const allowance = allowances.get(`${cell.operation}/${cell.actor.name}`);
      for (const call of cell.calls) {
        const outcome = await call.run();
        const after = await fingerprints(owner, fingerprintSql);
        const changed = forbiddenChanges(allowance, cell.actor, changedKeys(before, after), agencyIdsIn(before));
        const succeeded = outcome.code === undefined;
        const marks = notSupplied(marksOf.get(cell.actor.name)!, call.variables, !succeeded);
        const problem = judge(cell, call, outcome, changed, leaksIn(outcome.body, marks));
        if (problem) unexpected.push(problem);
        if (succeeded)
          ownSeen.set(cell.actor.name, `${ownSeen.get(cell.actor.name) ?? ''}${JSON.stringify(outcome.body)}`);
        before = after;
        calls++;
      }
    }

    const operations = new Set(cells.map((cell) => cell.operation)).size;
    console.log(
      `Isolation matrix: ${operations} operations (${roots.length} GraphQL + ${operations - roots.length} REST) x ` +
        `${actors.length} actors = ${cells.length} cells, ${calls} calls, ${unexpected.length} unexpected, ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s` +
        (notes.size ? `\nNotes:\n  ${[...notes].join('\n  ')}` : ''),
    );
    expect(roots.length).toBeGreaterThanOrEqual(45);
    expect(unexpected).toEqual([]);
    // The check for leaks looks at real data: each signed-in actor's successful answers show their own application.
    const blind = actors
      .filter((actor) => actor.own)
      .filter((actor) => !leaksIn(ownSeen.get(actor.name), [world.desks[actor.own!].ids.Application!]).length)
      .map((actor) => actor.name);
    expect(blind).toEqual([]);
  }, 120_000);

  it('names only operations of the schema in the allow-list, so that it cannot rot', () => {
    const known = new Set([...everyRootField(schema).map((root) => root.name), 'POST /candidates/import']);
    expect(ALLOWED.map((allowance) => allowance.operation).filter((name) => !known.has(name))).toEqual([]);
  });
});
