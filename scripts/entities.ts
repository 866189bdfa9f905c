import { Agency } from '@lib/agencies';
import { AgencyPolicy } from '@lib/agency-policy';
import { APPLICATION_ENTITIES } from '@lib/applications';
import { AuditEntry } from '@lib/audit';
import { AUTH_ENTITIES } from '@lib/auth';
import { Candidate } from '@lib/candidates';
import { EMPLOYER_ENTITIES } from '@lib/employers';
import { ErasureRequest } from '@lib/data-rights';
import { PipelineReport } from '@lib/reports';
import { Escalation } from '@lib/escalations';
import { ApplicationNextStep } from '@lib/next-steps';
import { NOTIFICATION_ENTITIES } from '@lib/notifications';
import { FollowUp } from '@lib/follow-ups';
import { INTERVIEW_ENTITIES } from '@lib/interviews';
import { REFERENCE_ENTITIES } from '@lib/references';
import { Task } from '@lib/tasks';
import { User } from '@lib/users';

/** Every entity of the schema: what migrations are generated from and checked against. */
export const ENTITIES: Function[] = [
  Agency,
  User,
  ...AUTH_ENTITIES,
  Candidate,
  ...EMPLOYER_ENTITIES,
  ...APPLICATION_ENTITIES,
  AuditEntry,
  ...INTERVIEW_ENTITIES,
  FollowUp,
  ...REFERENCE_ENTITIES,
  Task,
  AgencyPolicy,
  ApplicationNextStep,
  Escalation,
  ...NOTIFICATION_ENTITIES,
  ErasureRequest,
  PipelineReport,
];
