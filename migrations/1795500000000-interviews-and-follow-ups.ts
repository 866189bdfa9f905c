import { MigrationInterface, QueryRunner } from 'typeorm';

/** Interviews (with their interviewers) and follow-ups with the employer. Same tenancy conventions. */
const AGENCY_SETTING = `nullif(current_setting('app.agency_id', true), '')::uuid`;

const TABLES = ['interviews', 'interview_interviewers', 'follow_ups'];

export class InterviewsAndFollowUps1795500000000 implements MigrationInterface {
  name = 'InterviewsAndFollowUps1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE interviews (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        application_id uuid NOT NULL,
        occurred_at timestamptz NOT NULL,
        arranged_by_agency boolean NOT NULL,
        recorded_by_user_id uuid,
        created_at timestamptz NOT NULL,
        CONSTRAINT interviews_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT interviews_application_fkey FOREIGN KEY (agency_id, application_id) REFERENCES applications (agency_id, id)
      )`);
    await q.query(`CREATE INDEX interviews_application_idx ON interviews (agency_id, application_id, occurred_at)`);

    await q.query(`
      CREATE TABLE interview_interviewers (
        agency_id uuid NOT NULL,
        interview_id uuid NOT NULL,
        contact_id uuid NOT NULL,
        CONSTRAINT interview_interviewers_pkey PRIMARY KEY (agency_id, interview_id, contact_id),
        CONSTRAINT interview_interviewers_interview_fkey
          FOREIGN KEY (agency_id, interview_id) REFERENCES interviews (agency_id, id) ON DELETE CASCADE,
        CONSTRAINT interview_interviewers_contact_fkey
          FOREIGN KEY (agency_id, contact_id) REFERENCES employer_contacts (agency_id, id)
      )`);
    await q.query(`CREATE INDEX interview_interviewers_contact_idx ON interview_interviewers (agency_id, contact_id)`);

    await q.query(`
      CREATE TABLE follow_ups (
        agency_id uuid NOT NULL,
        id uuid NOT NULL,
        application_id uuid NOT NULL,
        candidate_id uuid NOT NULL,
        employer_id uuid NOT NULL,
        contact_id uuid NOT NULL,
        channel text NOT NULL CONSTRAINT follow_ups_channel_check
          CHECK (channel IN ('EMAIL', 'PHONE', 'LETTER', 'LINKEDIN', 'IN_PERSON', 'OTHER')),
        purpose text NOT NULL CONSTRAINT follow_ups_purpose_check
          CHECK (purpose IN ('THANK_YOU', 'STATUS_CHECK', 'INTEREST_LETTER', 'ESCALATION', 'VISIT', 'CLOSING_THANKS')),
        outcome text NOT NULL CONSTRAINT follow_ups_outcome_check
          CHECK (outcome IN ('REACHED', 'NO_ANSWER', 'BLOCKED_BY_GATEKEEPER', 'MESSAGE_LEFT', 'REPLIED')),
        direction text NOT NULL CONSTRAINT follow_ups_direction_check CHECK (direction IN ('OUTBOUND', 'INBOUND')),
        occurred_at timestamptz NOT NULL,
        response_kind text CONSTRAINT follow_ups_response_kind_check CHECK (response_kind IN (
          'STILL_INTERVIEWING', 'DECISION_PENDING', 'DELAYED', 'REFERENCES_REQUESTED', 'REJECTED', 'OFFER_VERBAL', 'OFFER_WRITTEN')),
        response_new_decision_at timestamptz,
        response_delay_reason text CONSTRAINT follow_ups_delay_reason_check
          CHECK (response_delay_reason IN ('BUDGET', 'VACATION', 'HIRING_FREEZE', 'PROCESS')),
        response_resume_at timestamptz,
        notes text,
        override_reason text,
        starts_gap boolean NOT NULL,
        logged_by_user_id uuid,
        created_at timestamptz NOT NULL,
        CONSTRAINT follow_ups_pkey PRIMARY KEY (agency_id, id),
        CONSTRAINT follow_ups_application_fkey FOREIGN KEY (agency_id, application_id) REFERENCES applications (agency_id, id),
        CONSTRAINT follow_ups_candidate_fkey FOREIGN KEY (agency_id, candidate_id) REFERENCES candidates (agency_id, id),
        CONSTRAINT follow_ups_employer_fkey FOREIGN KEY (agency_id, employer_id) REFERENCES employers (agency_id, id),
        CONSTRAINT follow_ups_contact_fkey FOREIGN KEY (agency_id, contact_id) REFERENCES employer_contacts (agency_id, id)
      )`);
    await q.query(`CREATE INDEX follow_ups_application_idx ON follow_ups (agency_id, application_id, occurred_at)`);
    // The stalker guard's question: the last contact that started a gap, for one candidate at one employer.
    await q.query(`
      CREATE INDEX follow_ups_gap_idx ON follow_ups (agency_id, candidate_id, employer_id, occurred_at)
        WHERE starts_gap`);
    await q.query(`CREATE INDEX follow_ups_contact_idx ON follow_ups (agency_id, contact_id)`);

    for (const table of TABLES) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(`
        CREATE POLICY tenant_isolation ON ${table}
          USING (agency_id = ${AGENCY_SETTING})
          WITH CHECK (agency_id = ${AGENCY_SETTING})`);
    }
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES.join(', ')} TO recruiting_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE follow_ups, interview_interviewers, interviews`);
  }
}
