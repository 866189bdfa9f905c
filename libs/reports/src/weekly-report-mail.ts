import { RequestContext } from '@lib/context';
import { PipelineReport } from './pipeline-report.entity';
import { presentReport } from './present-report';
import { percent, signed } from './render/headline-figures';
import { renderReportHtml } from './render/report-html';

const change = (value: number | undefined) => (value === undefined ? '' : ` (${signed(value)})`);

/** The report's plain-text e-mail (the HTML page is its alternative): the headline figures with their change against the week before. */
export function weeklyReportText(report: PipelineReport): { subject: string; body: string } {
  const f = report.figures;
  const lines = [
    `Pipeline report, week of ${report.weekStart} to ${report.weekEnd}`,
    '',
    `Interviews: ${f.interviews}${change(f.change.interviews)}`,
    `Debriefs: ${f.debriefs}${change(f.change.debriefs)}`,
    `Follow-ups made: ${f.followUpsMade}${change(f.change.followUpsMade)}, answered: ${f.followUpsAnswered} (${percent(f.responseRate)})`,
    `Reference-check signals: ${f.referenceSignals}${change(f.change.referenceSignals)}`,
    `Offers: ${f.verbalOffers} verbal, ${f.writtenOffers} written; placements: ${f.placements}`,
    `Escalations: ${f.escalationsRaised} raised, ${f.escalationsResolved} resolved, ${f.escalationsOpen} open`,
    `Stalled applications: ${f.stalled.length}`,
    '',
    ...f.stages.map((stage) => `${stage.stage}: ${stage.count} (in ${stage.movedIn}, out ${stage.movedOut})`),
  ];
  return { subject: `Pipeline report ${report.weekStart}`, body: `${lines.join('\n')}\n` };
}

/**
 * One e-mail per recipient through the outbox, keyed by report revision and
 * recipient: a re-run of the week's job sends nothing twice. Recipients are
 * the policy's, or the agency's admins. The body is the plain text with the
 * HTML report as its alternative. Candidate names stay out of the e-mail: it
 * may reach anyone on the recipients list.
 */
export async function queueWeeklyReportMail(
  ctx: RequestContext,
  mail: { agencyName: string; report: PipelineReport; recipients: string[]; now: Date },
): Promise<number> {
  const { report, recipients, now } = mail;
  const { subject, body } = weeklyReportText(report);
  const html = renderReportHtml({ agencyName: mail.agencyName, report: presentReport(report, () => false) });
  const written = await ctx.query(
    `WITH targets AS (
       SELECT lower(address) AS address FROM unnest($2::text[]) AS address
       UNION
       SELECT lower(u.email) FROM users u
        WHERE u.agency_id = $1 AND u.role = 'ADMIN' AND u.deactivated_at IS NULL AND cardinality($2::text[]) = 0)
     INSERT INTO notifications (agency_id, id, dedupe_key, kind, channel, target, subject, body, html_body, payload,
                                status, next_attempt_at, created_at)
     SELECT $1, gen_random_uuid(), 'report:' || $3 || ':' || address, 'report.weekly', 'EMAIL', address, $4, $5, $8,
            jsonb_build_object('reportId', $3::text, 'weekStart', $6::text), 'PENDING', $7, $7
       FROM targets
     ON CONFLICT ON CONSTRAINT notifications_dedupe_key DO NOTHING
     RETURNING id`,
    [ctx.agencyId, recipients, report.id, subject, body, report.weekStart, now, html],
  );
  return written.length;
}
