import {
  CREATE_AGENCY_TABLE,
  FILL_AGENCY_TABLE,
  INSERT_AGENCIES,
  INSERT_POLICIES,
  INSERT_STAFF,
  INSERT_WEBHOOKS,
} from './sql/agencies.sql';
import { INSERT_APPLICATIONS, INSERT_STAGE_CHANGES } from './sql/applications.sql';
import { CANDIDATE_TABLE, INSERT_CANDIDATES, INSERT_PORTAL_USERS, INSERT_REFERENCES } from './sql/candidates.sql';
import { EMPLOYER_TABLE, INSERT_CONTACTS, INSERT_EMPLOYERS, INSERT_POSITIONS } from './sql/employers.sql';
import { INSERT_ESCALATIONS, LADDER_TABLE } from './sql/escalations.sql';
import {
  CREATE_FOLLOW_UP_TABLE,
  INSERT_CADENCE,
  INSERT_CLOSING_THANKS,
  INSERT_FOLLOW_UPS,
  INSERT_REPLIES,
  INSERT_THANK_YOUS,
  PHASE_REPLY_TABLE,
  PHASE_TABLE,
} from './sql/follow-ups.sql';
import { INSERT_DEBRIEFS, INSERT_INTERVIEWERS, INSERT_INTERVIEWS, INTERVIEW_TABLE } from './sql/interviews.sql';
import { INSERT_NEXT_STEPS, INSERT_OVERDUE, NEXT_TABLE } from './sql/next-steps.sql';
import { INSERT_SIGNALS, INSERT_TASKS } from './sql/reference-signals.sql';
import { APP_TABLE, STORY_TABLE } from './sql/story.sql';

/** One statement of a batch; `table` names the real table it fills, whose rows are counted. */
export interface Statement {
  sql: string;
  table?: string;
  /** Takes the batch's parameters (seed key, Monday, plans). */
  parameters?: true;
}

/**
 * Temporary tables have no statistics until analysed, and the planner's
 * guesses for the joins and aggregates over them can be quadratic. Only the
 * join keys: the whole of a wide table takes longer to sample than to use.
 */
const analyse = (table: string, columns: string): Statement => ({ sql: `ANALYZE ${table} (${columns})` });

const AGENCY_TABLE: Statement[] = [
  { sql: CREATE_AGENCY_TABLE },
  { sql: FILL_AGENCY_TABLE, parameters: true },
  { sql: EMPLOYER_TABLE },
  analyse('bench_employer', 'agency_no, employer_no'),
];

/** What exists once per agency: written first, in its own transactions, before any candidate refers to it. */
export const AGENCY_STATEMENTS: Statement[] = [
  ...AGENCY_TABLE,
  { sql: INSERT_AGENCIES, table: 'agencies' },
  { sql: INSERT_STAFF, table: 'users' },
  { sql: INSERT_POLICIES, table: 'agency_policies' },
  { sql: INSERT_WEBHOOKS, table: 'agency_webhooks' },
  { sql: INSERT_EMPLOYERS, table: 'employers' },
  { sql: INSERT_CONTACTS, table: 'employer_contacts' },
  { sql: INSERT_POSITIONS, table: 'positions' },
];

/** Everything that hangs off a slice of candidates, parents before children. */
export const CANDIDATE_STATEMENTS: Statement[] = [
  ...AGENCY_TABLE,
  { sql: APP_TABLE },
  { sql: STORY_TABLE },
  analyse('bench_story', 'agency_no, application_id'),
  { sql: CANDIDATE_TABLE },
  { sql: INSERT_CANDIDATES, table: 'candidates' },
  { sql: INSERT_PORTAL_USERS, table: 'users' },
  { sql: INSERT_REFERENCES, table: 'candidate_references' },
  { sql: INSERT_APPLICATIONS, table: 'applications' },
  { sql: INSERT_STAGE_CHANGES, table: 'application_stage_changes' },
  { sql: INTERVIEW_TABLE },
  analyse('bench_interview', 'application_id'),
  { sql: INSERT_INTERVIEWS, table: 'interviews' },
  { sql: INSERT_INTERVIEWERS, table: 'interview_interviewers' },
  { sql: INSERT_DEBRIEFS, table: 'debriefs' },
  { sql: PHASE_TABLE },
  { sql: PHASE_REPLY_TABLE },
  { sql: CREATE_FOLLOW_UP_TABLE },
  { sql: INSERT_CADENCE },
  { sql: INSERT_THANK_YOUS },
  { sql: INSERT_REPLIES },
  { sql: INSERT_CLOSING_THANKS },
  analyse('bench_follow_up', 'agency_no, application_id'),
  { sql: INSERT_FOLLOW_UPS, table: 'follow_ups' },
  { sql: INSERT_SIGNALS, table: 'reference_signals' },
  { sql: INSERT_TASKS, table: 'tasks' },
  { sql: LADDER_TABLE },
  analyse('bench_escalation', 'application_id'),
  { sql: NEXT_TABLE },
  { sql: INSERT_OVERDUE },
  { sql: INSERT_ESCALATIONS, table: 'escalations' },
  { sql: INSERT_NEXT_STEPS, table: 'application_next_steps' },
];
