import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import { TestApi } from './api';
import { AUTH_PAYLOAD, inviteCounselor, login, PASSWORD, signUpAgency, SignedUpAgency } from './factories';

/**
 * The world of the isolation matrix: two agencies, and in them five "desks"
 * (one candidate's records as one counselor keeps them: employer, contacts,
 * position, application, interview, debrief, follow-up, reference signal,
 * task, escalation, and for a portal account the candidate's own reference),
 * so every id-taking argument has a real target in every party; and six
 * actors, each with the desks whose ids it is handed.
 */

export type AgencyKey = 'A' | 'B';
export type DeskName = 'A-admin' | 'A-counselor' | 'A1' | 'A2' | 'B1';
export type ActorName = 'adminA' | 'counselorA' | 'candidateA1' | 'candidateA2' | 'adminB' | 'anonymous';

export const ACTOR_NAMES: readonly ActorName[] = [
  'adminA',
  'counselorA',
  'candidateA1',
  'candidateA2',
  'adminB',
  'anonymous',
];

export const PORTAL_PASSWORD = 'my own portal password';
const COUNSELOR_PASSWORD = 'counselor password 1';

export interface Desk {
  name: DeskName;
  agency: AgencyKey;
  /** One id per record kind, by GraphQL type name; `User` is the candidate's counselor. */
  ids: Record<string, string>;
  /** Every id and distinctive text of the desk's records (its counselor left out): what nobody else may see. */
  marks: string[];
  counselorEmail: string;
}

export interface AgencyWorld {
  key: AgencyKey;
  signedUp: SignedUpAgency;
  name: string;
  /** Agency-level ids by kind: Agency, User (the admin), Webhook, Invitation (pending), PipelineReport. */
  ids: Record<string, string>;
  /** The Monday of its one report; the other agency has no report of that week. */
  weekStart: string;
  /** Opaque tokens `<agency>.<id>.<secret>` of this agency: a pending staff invitation, a refresh token. */
  invitationToken: string;
  refreshToken: string;
  /** Ids and texts of the agency level: its users, slug, webhook... nobody of the other agency may see them. */
  marks: string[];
  /** The part of `marks` that even the agency's own candidates may not see: webhooks, invitations, reports. */
  staffOnlyMarks: string[];
}

export interface Actor {
  name: ActorName;
  agency?: AgencyKey;
  token?: string;
  /** A second session of the same user, for the operations that end the session they are called with. */
  spareToken?: string;
  credentials?: { email: string; password: string };
  /** The desk whose records are the actor's own, for "own record + foreign id" calls. */
  own?: DeskName;
  /** The desks whose ids the actor is handed: someone else's. */
  targets: DeskName[];
}

export interface IsolationWorld {
  agencies: Record<AgencyKey, AgencyWorld>;
  desks: Record<DeskName, Desk>;
  actors: Record<ActorName, Actor>;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

type Gql = (query: string, variables?: Record<string, unknown>) => Promise<Record<string, any>>;

/** A caller that fails the set-up loudly: a world with a hole would make cells pass for the wrong reason. */
function caller(api: TestApi, token: string | undefined): Gql {
  return async (query, variables = {}) => {
    const response = await api.gql(query, variables, { token });
    if (response.errors?.length || !response.data) {
      throw new Error(`Set-up call failed: ${query}\n${JSON.stringify(response.errors)}`);
    }
    return response.data;
  };
}

export function otherAgency(key: AgencyKey): AgencyKey {
  return key === 'A' ? 'B' : 'A';
}

function isoAgo(ms: number): string {
  return new Date(Date.now() - ms).toISOString();
}

/** One candidate's records, built by the counselor who owns them; with a portal account when asked. */
async function buildDesk(
  api: TestApi,
  name: DeskName,
  agency: AgencyKey,
  owner: { id: string; token: string; email: string },
  portal: boolean,
): Promise<{ desk: Desk; candidateToken?: string; candidateEmail: string }> {
  const as = caller(api, owner.token);
  const label = `${name}-${randomBytes(3).toString('hex')}`.toLowerCase();
  const employer = (
    await as(`mutation($input: CreateEmployerInput!) { createEmployer(input: $input) { id } }`, {
      input: { name: `Employer ${label}`, timezone: 'America/Chicago', isLocal: false },
    })
  ).createEmployer.id;
  const contact = async (role: string) =>
    (
      await as(`mutation($input: AddEmployerContactInput!) { addEmployerContact(input: $input) { id } }`, {
        input: { employerId: employer, fullName: `${role} ${label}`, role, email: `${role}-${label}@employer.test` },
      })
    ).addEmployerContact.id as string;
  const hr = await contact('HR');
  const manager = await contact('HIRING_MANAGER');
  const position = (
    await as(`mutation($input: CreatePositionInput!) { createPosition(input: $input) { id } }`, {
      input: { employerId: employer, title: `Analyst ${label}` },
    })
  ).createPosition.id;
  const candidateEmail = `${label}@candidates.test`;
  const candidate = (
    await as(`mutation($input: CreateCandidateInput!) { createCandidate(input: $input) { id } }`, {
      input: { fullName: `Candidate ${label}`, email: candidateEmail },
    })
  ).createCandidate.id;
  // Submitted and interviewed weeks ago, thanked, debriefed, then silence: the sweep has rungs to raise.
  const application = (
    await as(`mutation($input: SubmitCandidateInput!) { submitCandidate(input: $input) { id } }`, {
      input: { candidateId: candidate, positionId: position, interestLevel: 4, submittedAt: isoAgo(56 * DAY_MS) },
    })
  ).submitCandidate.id;
  const interviewedAt = Date.now() - 49 * DAY_MS;
  const interview = (
    await as(`mutation($input: RecordInterviewInput!) { recordInterview(input: $input) { id } }`, {
      input: {
        applicationId: application,
        occurredAt: new Date(interviewedAt).toISOString(),
        interviewerContactIds: [manager],
        arrangedByAgency: true,
      },
    })
  ).recordInterview.id;
  const followUp = (
    await as(`mutation($input: LogFollowUpInput!) { logFollowUp(input: $input) { ... on FollowUp { id } } }`, {
      input: {
        applicationId: application,
        contactId: manager,
        channel: 'EMAIL',
        purpose: 'THANK_YOU',
        outcome: 'REACHED',
        occurredAt: new Date(interviewedAt + 2 * HOUR_MS).toISOString(),
        notes: `Counselor-only note ${label}`,
      },
    })
  ).logFollowUp.id;
  const debrief = (
    await as(`mutation($input: RecordDebriefInput!) { recordDebrief(input: $input) { id } }`, {
      input: {
        interviewId: interview,
        heldAt: new Date(interviewedAt + 3 * HOUR_MS).toISOString(),
        rating: 4,
        askedAboutNextSteps: true,
        strengths: [`Strength ${label}`],
      },
    })
  ).recordDebrief.id;

  // A second round not yet debriefed: "own interview + foreign contacts" then fails on the contacts alone.
  const openInterview = (
    await as(`mutation($input: RecordInterviewInput!) { recordInterview(input: $input) { id } }`, {
      input: {
        applicationId: application,
        occurredAt: new Date(interviewedAt + DAY_MS).toISOString(),
        interviewerContactIds: [hr],
        arrangedByAgency: false,
      },
    })
  ).recordInterview.id;

  const ids: Record<string, string> = {
    User: owner.id,
    Employer: employer,
    EmployerContact: hr,
    Position: position,
    Candidate: candidate,
    Application: application,
    Interview: openInterview,
    FollowUp: followUp,
    Debrief: debrief,
  };
  const marks = [manager, interview, `Candidate ${label}`, candidateEmail, `Employer ${label}`];
  let candidateToken: string | undefined;
  if (portal) {
    const invitation = (
      await as(`mutation($id: ID!) { inviteCandidate(candidateId: $id) { id token } }`, { id: candidate })
    ).inviteCandidate;
    const accepted = (
      await caller(api, undefined)(
        `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { ${AUTH_PAYLOAD} } }`,
        { input: { token: invitation.token, password: PORTAL_PASSWORD } },
      )
    ).acceptInvitation;
    candidateToken = accepted.accessToken as string;
    ids.PortalReference = (
      await caller(api, candidateToken)(
        `mutation($input: AddMyReferenceInput!) { addMyReference(input: $input) { id } }`,
        {
          input: { fullName: `Referee ${label}`, email: `referee-${label}@referees.test`, informedAt: isoAgo(DAY_MS) },
        },
      )
    ).addMyReference.id;
    marks.push(invitation.id, accepted.user.id, `Referee ${label}`);
  }
  ids.ReferenceSignal = (
    await as(`mutation($input: RecordReferenceSignalInput!) { recordReferenceSignal(input: $input) { id } }`, {
      input: {
        applicationId: application,
        kind: 'REFERENCES_REQUESTED',
        occurredAt: isoAgo(HOUR_MS),
        ...(ids.PortalReference ? { referenceId: ids.PortalReference } : {}),
      },
    })
  ).recordReferenceSignal.id;
  // The request for references opened the "send references" task.
  const tasks = (await as(`query($id: ID!) { application(id: $id) { tasks { id } } }`, { id: application })).application
    .tasks as { id: string }[];
  if (!tasks[0]) throw new Error(`No task on desk ${name}`);
  ids.Task = tasks[0].id;
  const desk: Desk = { name, agency, ids, marks, counselorEmail: owner.email };
  return { desk, candidateToken, candidateEmail };
}

/** The escalations the sweep raised on each desk's application: one of each desk becomes its Escalation id. */
async function collectEscalations(api: TestApi, token: string, desks: Desk[]): Promise<void> {
  const as = caller(api, token);
  for (const desk of desks) {
    const found = (
      await as(
        `query($filter: EscalationFilter) { escalations(filter: $filter, first: 10) { edges { node { id } } } }`,
        { filter: { applicationId: desk.ids.Application } },
      )
    ).escalations.edges as { node: { id: string } }[];
    if (!found[0]) throw new Error(`The sweep raised no escalation on desk ${desk.name}`);
    desk.ids.Escalation = found[0].node.id;
    desk.marks.push(...found.map((edge) => edge.node.id));
  }
}

function monday(weeksAgo: number): string {
  return DateTime.now().setZone('Europe/London').startOf('week').minus({ weeks: weeksAgo }).toISODate()!;
}

/** What an agency's admin sets up once: a webhook, a pending staff invitation, a weekly report. */
async function buildAgencyLevel(
  api: TestApi,
  key: AgencyKey,
  signedUp: SignedUpAgency,
  weekStart: string,
): Promise<AgencyWorld> {
  const as = caller(api, signedUp.accessToken);
  const unique = randomBytes(3).toString('hex');
  const webhookUrl = `https://hooks.example.test/${key}-${unique}`;
  const webhook = (
    await as(`mutation($input: AddWebhookInput!) { addWebhook(input: $input) { webhook { id } } }`, {
      input: { url: webhookUrl },
    })
  ).addWebhook.webhook.id;
  const invitation = (
    await as(`mutation($input: InviteUserInput!) { inviteUser(input: $input) { id token } }`, {
      input: { email: `pending-${key}-${unique}@matrix.test`, name: `Pending ${key}`, role: 'COUNSELOR' },
    })
  ).inviteUser;
  const report = (
    await as(`mutation($weekStart: String!) { generatePipelineReport(weekStart: $weekStart) { id } }`, { weekStart })
  ).generatePipelineReport.id;
  const name = (await as(`{ me { agency { name } } }`)).me.agency.name as string;
  const staffOnlyMarks = [webhook, webhookUrl, invitation.id, report];
  return {
    key,
    signedUp,
    name,
    ids: {
      Agency: signedUp.agencyId,
      User: signedUp.adminId,
      Webhook: webhook,
      Invitation: invitation.id,
      PipelineReport: report,
    },
    weekStart,
    invitationToken: invitation.token,
    refreshToken: signedUp.refreshToken,
    marks: [signedUp.agencyId, signedUp.adminId, signedUp.adminEmail, signedUp.slug, name, ...staffOnlyMarks],
    staffOnlyMarks,
  };
}

async function spareSession(api: TestApi, slug: string, email: string, password: string): Promise<string> {
  const response = await login(api, slug, email, password);
  if (!response.data) throw new Error(`Spare login failed for ${email}: ${JSON.stringify(response.errors)}`);
  return response.data.login.accessToken;
}

export async function buildIsolationWorld(api: TestApi): Promise<IsolationWorld> {
  const [signedUpA, signedUpB] = await Promise.all([signUpAgency(api), signUpAgency(api)]);
  const counselorEmail = `counselor-${randomBytes(3).toString('hex')}@matrix.test`;
  const counselor = await inviteCounselor(api, signedUpA, counselorEmail);
  const adminA = { id: signedUpA.adminId, token: signedUpA.accessToken, email: signedUpA.adminEmail };
  const adminB = { id: signedUpB.adminId, token: signedUpB.accessToken, email: signedUpB.adminEmail };
  const counselorA = { id: counselor.id, token: counselor.token, email: counselorEmail };

  const [aAdmin, aCounselor, a1, a2, b1, agencyA, agencyB] = await Promise.all([
    buildDesk(api, 'A-admin', 'A', adminA, false),
    buildDesk(api, 'A-counselor', 'A', counselorA, false),
    buildDesk(api, 'A1', 'A', counselorA, true),
    buildDesk(api, 'A2', 'A', adminA, true),
    buildDesk(api, 'B1', 'B', adminB, true),
    // Different weeks, so that asking for the other agency's week finds nothing of one's own.
    buildAgencyLevel(api, 'A', signedUpA, monday(3)),
    buildAgencyLevel(api, 'B', signedUpB, monday(4)),
  ]);
  await caller(api, adminA.token)(`mutation { runEscalationSweep { raised } }`);
  await caller(api, adminB.token)(`mutation { runEscalationSweep { raised } }`);
  await collectEscalations(api, adminA.token, [aAdmin.desk, aCounselor.desk, a1.desk, a2.desk]);
  await collectEscalations(api, adminB.token, [b1.desk]);
  agencyA.marks.push(counselor.id, counselorEmail);

  const desks = { 'A-admin': aAdmin, 'A-counselor': aCounselor, A1: a1, A2: a2, B1: b1 };
  for (const { desk } of Object.values(desks))
    desk.marks.push(
      ...Object.entries(desk.ids)
        .filter(([kind]) => kind !== 'User')
        .map(([, id]) => id),
    );

  const spare = (slug: string, email: string, password: string) => spareSession(api, slug, email, password);
  const actors: Record<ActorName, Actor> = {
    adminA: {
      name: 'adminA',
      agency: 'A',
      token: adminA.token,
      spareToken: await spare(signedUpA.slug, adminA.email, PASSWORD),
      credentials: { email: adminA.email, password: PASSWORD },
      own: 'A-admin',
      targets: ['B1'],
    },
    counselorA: {
      name: 'counselorA',
      agency: 'A',
      token: counselorA.token,
      spareToken: await spare(signedUpA.slug, counselorEmail, COUNSELOR_PASSWORD),
      credentials: { email: counselorEmail, password: COUNSELOR_PASSWORD },
      own: 'A-counselor',
      // Counselors see every candidate of their agency (README, API.md): only B's ids are foreign to them.
      targets: ['B1'],
    },
    candidateA1: {
      name: 'candidateA1',
      agency: 'A',
      token: a1.candidateToken,
      spareToken: await spare(signedUpA.slug, a1.candidateEmail, PORTAL_PASSWORD),
      credentials: { email: a1.candidateEmail, password: PORTAL_PASSWORD },
      own: 'A1',
      targets: ['A2', 'B1'],
    },
    candidateA2: {
      name: 'candidateA2',
      agency: 'A',
      token: a2.candidateToken,
      spareToken: await spare(signedUpA.slug, a2.candidateEmail, PORTAL_PASSWORD),
      credentials: { email: a2.candidateEmail, password: PORTAL_PASSWORD },
      own: 'A2',
      targets: ['A1', 'B1'],
    },
    adminB: {
      name: 'adminB',
      agency: 'B',
      token: adminB.token,
      spareToken: await spare(signedUpB.slug, adminB.email, PASSWORD),
      credentials: { email: adminB.email, password: PASSWORD },
      own: 'B1',
      targets: ['A1'],
    },
    anonymous: { name: 'anonymous', targets: ['A1'] },
  };
  return {
    agencies: { A: agencyA, B: agencyB },
    desks: Object.fromEntries(Object.entries(desks).map(([name, built]) => [name, built.desk])) as Record<
      DeskName,
      Desk
    >,
    actors,
  };
}

/**
 * What must never reach an actor: for staff, everything of the other agency;
 * for a candidate, that and the other desks of their own agency and the
 * agency's staff-only records (their counselor's and agency's ids are theirs to see).
 */
export function leakMarks(world: IsolationWorld, actor: Actor): string[] {
  const marks: string[] = [];
  for (const agency of Object.values(world.agencies)) {
    if (agency.key !== actor.agency) marks.push(...agency.marks);
    else if (actor.name.startsWith('candidate')) marks.push(...agency.staffOnlyMarks);
  }
  for (const desk of Object.values(world.desks)) {
    if (desk.agency !== actor.agency || (actor.name.startsWith('candidate') && desk.name !== actor.own)) {
      marks.push(...desk.marks);
    }
  }
  return marks;
}
