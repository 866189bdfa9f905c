import { randomBytes } from 'node:crypto';
import { TestApi } from './api';

export const PASSWORD = 'correct horse battery staple';

export interface SignedUpAgency {
  agencyId: string;
  slug: string;
  adminId: string;
  adminEmail: string;
  accessToken: string;
  refreshToken: string;
}

export const AUTH_PAYLOAD = `accessToken refreshToken user { id role email } agency { id slug name }`;

/** A new agency with its admin signed in. Every call makes a distinct agency. */
export async function signUpAgency(api: TestApi, overrides: Record<string, string> = {}): Promise<SignedUpAgency> {
  const unique = randomBytes(3).toString('hex');
  const input = {
    agencyName: `Agency ${unique}`,
    timezone: 'Europe/London',
    country: 'GB',
    adminName: `Admin ${unique}`,
    adminEmail: `admin-${unique}@agency.test`,
    adminPassword: PASSWORD,
    ...overrides,
  };
  const response = await api.gql(
    `mutation SignUp($input: SignUpAgencyInput!) { signUpAgency(input: $input) { ${AUTH_PAYLOAD} } }`,
    { input },
  );
  if (!response.data) throw new Error(`signUpAgency failed: ${JSON.stringify(response.errors)}`);
  const payload = response.data.signUpAgency;
  return {
    agencyId: payload.agency.id,
    slug: payload.agency.slug,
    adminId: payload.user.id,
    adminEmail: payload.user.email,
    accessToken: payload.accessToken,
    refreshToken: payload.refreshToken,
  };
}

export function login(api: TestApi, agencySlug: string, email: string, password: string, clientAddress?: string) {
  return api.gql(
    `mutation Login($input: LoginInput!) { login(input: $input) { ${AUTH_PAYLOAD} } }`,
    { input: { agencySlug, email, password } },
    { clientAddress },
  );
}

/** A candidate submitted for a position at an employer in Chicago, with an HR contact and a hiring manager. */
export async function setUpApplication(api: TestApi, agency: SignedUpAgency, label: string) {
  const as = (query: string, variables: Record<string, unknown>) =>
    api.gql(query, variables, { token: agency.accessToken });
  const employer = (
    await as(`mutation($input: CreateEmployerInput!) { createEmployer(input: $input) { id } }`, {
      input: { name: `Employer ${label}`, timezone: 'America/Chicago', isLocal: false },
    })
  ).data!.createEmployer.id;
  const contact = async (role: string) =>
    (
      await as(`mutation($input: AddEmployerContactInput!) { addEmployerContact(input: $input) { id } }`, {
        input: { employerId: employer, fullName: `${role} ${label}`, role },
      })
    ).data!.addEmployerContact.id;
  const hr = await contact('HR');
  const manager = await contact('HIRING_MANAGER');
  const position = (
    await as(`mutation($input: CreatePositionInput!) { createPosition(input: $input) { id } }`, {
      input: { employerId: employer, title: 'Analyst' },
    })
  ).data!.createPosition.id;
  const candidate = (
    await as(`mutation($input: CreateCandidateInput!) { createCandidate(input: $input) { id } }`, {
      input: { fullName: `Candidate ${label}`, email: `${label}@candidates.test` },
    })
  ).data!.createCandidate.id;
  const application = (
    await as(`mutation($input: SubmitCandidateInput!) { submitCandidate(input: $input) { id } }`, {
      input: { candidateId: candidate, positionId: position, interestLevel: 4, submittedAt: '2026-09-28T09:00:00Z' },
    })
  ).data!.submitCandidate.id;
  return { employer, hr, manager, position, candidate, application };
}

/** A counselor invited by the agency's admin, signed in. */
export async function inviteCounselor(api: TestApi, agency: SignedUpAgency, email: string) {
  const invitation = await api.gql(
    `mutation($input: InviteUserInput!) { inviteUser(input: $input) { token } }`,
    { input: { email, name: 'Casey Counselor', role: 'COUNSELOR' } },
    { token: agency.accessToken },
  );
  const accepted = await api.gql(
    `mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { accessToken user { id } } }`,
    { input: { token: invitation.data!.inviteUser.token, password: 'counselor password 1' } },
  );
  return {
    id: accepted.data!.acceptInvitation.user.id as string,
    token: accepted.data!.acceptInvitation.accessToken as string,
  };
}
