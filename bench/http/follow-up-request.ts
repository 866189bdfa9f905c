import { FollowUpTarget } from './follow-up-inputs';
import { failureOf } from './graphql-client';

export const LOG_FOLLOW_UP = `mutation LogFollowUp($input: LogFollowUpInput!) {
  logFollowUp(input: $input) {
    __typename
    ... on FollowUp { id direction }
    ... on FollowUpTooSoon { nextAllowedAt reason }
  }
}`;

/** A minute ago: `occurredAt` may not be in the future, and the API's clock is this machine's. */
const occurredAt = () => new Date(Date.now() - 60_000).toISOString();

/** What a counselor logs: a status check they made by phone, or the employer's e-mailed reply. */
export function logFollowUpBody(target: FollowUpTarget): string {
  const input =
    target.kind === 'status check'
      ? { channel: 'PHONE', purpose: 'STATUS_CHECK', direction: 'OUTBOUND', outcome: 'REACHED' }
      : { channel: 'EMAIL', purpose: 'STATUS_CHECK', direction: 'INBOUND', outcome: 'REPLIED' };
  return JSON.stringify({
    query: LOG_FOLLOW_UP,
    variables: {
      input: { applicationId: target.applicationId, contactId: target.contactId, occurredAt: occurredAt(), ...input },
    },
  });
}

export const REFUSED_BY_GUARD = 'refused by the stalker guard (FollowUpTooSoon)';

/** A logged follow-up is a success; a guard's refusal, a GraphQL error or an HTTP error is not. */
export function followUpFailure(status: number, body: string): string | undefined {
  const failure = failureOf(status, body);
  if (failure) return failure;
  if (body.includes('"__typename":"FollowUpTooSoon"')) return REFUSED_BY_GUARD;
  return body.includes('"__typename":"FollowUp"') ? undefined : 'unexpected answer';
}
