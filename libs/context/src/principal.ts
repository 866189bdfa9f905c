import { Role } from './role';

/** A signed-in person, as proven by a valid access token of a live session. */
export interface UserPrincipal {
  kind: 'user';
  agencyId: string;
  userId: string;
  role: Role;
  sessionId: string;
  /** A candidate's own record: what row-level security confines a candidate to. */
  candidateId?: string;
}

/** A queue job acting for one agency. */
export interface SystemPrincipal {
  kind: 'system';
  agencyId: string;
  job: string;
}

export type Principal = UserPrincipal | SystemPrincipal;
