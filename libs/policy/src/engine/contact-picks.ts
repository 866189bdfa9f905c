import { ContactRole, Outcome } from '../follow-up-vocabulary';
import { ApplicationHistory, HistoryContact, HistoryInterview } from './application-history';
import { isExchange } from './history-queries';

const ROLE_WORDS: Record<ContactRole, string> = {
  [ContactRole.HIRING_MANAGER]: 'the hiring manager',
  [ContactRole.HR]: 'HR',
  [ContactRole.GATEKEEPER]: 'the front desk',
  [ContactRole.INTERVIEWER]: 'the interviewer',
};

export function firstId(...ids: (string | null | undefined)[]): string | null {
  return ids.find((id): id is string => typeof id === 'string') ?? null;
}

function contact(history: ApplicationHistory, id: string | null): HistoryContact | null {
  return history.contacts.find((candidate) => candidate.id === id) ?? null;
}

/** The hiring manager feels the pain of the empty seat (000): one who interviewed the candidate first. */
export function hiringManagerId(history: ApplicationHistory): string | null {
  const managers = history.contacts.filter((candidate) => candidate.role === ContactRole.HIRING_MANAGER);
  const interviewers = [...history.interviews]
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime())
    .flatMap((interview) => interview.interviewerContactIds);
  return firstId(
    interviewers.find((id) => managers.some((manager) => manager.id === id)),
    managers[0]?.id,
  );
}

/** The thank-you goes to the hiring manager who interviewed, else any, else whoever interviewed (002 step one). */
export function thankYouRecipientId(history: ApplicationHistory, interview: HistoryInterview): string | null {
  const interviewingManager = interview.interviewerContactIds.find(
    (id) => contact(history, id)?.role === ContactRole.HIRING_MANAGER,
  );
  return firstId(interviewingManager, hiringManagerId(history), interview.interviewerContactIds[0]);
}

/** The corporate recruiter; the designated one first when HR holds that role. */
export function hrContactId(history: ApplicationHistory): string | null {
  const hr = history.contacts.filter((candidate) => candidate.role === ContactRole.HR);
  return firstId(hr.find((candidate) => candidate.isDesignatedContact)?.id, hr[0]?.id);
}

/** The person with current information on the process (004): named at the latest debrief, else flagged. */
export function designatedContactId(history: ApplicationHistory): string | null {
  const named = [...history.debriefs]
    .filter((debrief) => debrief.designatedContactId !== null)
    .sort((a, b) => b.heldAt.getTime() - a.heldAt.getTime())[0];
  return firstId(named?.designatedContactId, history.contacts.find((candidate) => candidate.isDesignatedContact)?.id);
}

/** The last person the agency actually got through to, for a closing thank-you without a hiring manager. */
export function lastReachedContactId(history: ApplicationHistory): string | null {
  const reached = history.followUps
    .filter((followUp) => followUp.outcome === Outcome.REACHED || isExchange(followUp))
    .sort((a, b) => b.occurredAt.getTime() - a.occurredAt.getTime());
  return reached[0]?.contactId ?? null;
}

/** "Jane Doe (the hiring manager)", or just the role when the contact is not on file. */
export function describeContact(history: ApplicationHistory, id: string | null, fallback: string): string {
  const known = contact(history, id);
  return known ? `${known.fullName} (${ROLE_WORDS[known.role]})` : fallback;
}
