import { Stage } from '@lib/pipeline';
import { ResponseKind } from '@lib/policy';
import { BadUserInputError, FieldProblem } from '@lib/errors';
import { FollowUpResponseInput } from './dto/log-follow-up.input';

/**
 * Where an employer's answer moves the application (DOMAIN.md): references
 * asked -> REFERENCE_CHECK; a new decision date -> AWAITING_DECISION; a delay
 * with a resume date -> ON_HOLD until then; offers and rejection to their
 * stages. "Still interviewing" keeps the cadence and the stage.
 */
export function stageAfterResponse(response: FollowUpResponseInput): Stage | null {
  switch (response.kind) {
    case ResponseKind.REFERENCES_REQUESTED:
      return Stage.REFERENCE_CHECK;
    case ResponseKind.DECISION_PENDING:
      return Stage.AWAITING_DECISION;
    case ResponseKind.DELAYED:
      return response.resumeAt ? Stage.ON_HOLD : null;
    case ResponseKind.REJECTED:
      return Stage.REJECTED;
    case ResponseKind.OFFER_VERBAL:
      return Stage.OFFER_VERBAL;
    case ResponseKind.OFFER_WRITTEN:
      return Stage.OFFER_WRITTEN;
    case ResponseKind.STILL_INTERVIEWING:
      return null;
  }
}

/** The fields that go with each kind of answer, and only with it. */
export function assertResponseFields(response: FollowUpResponseInput): void {
  const problems: FieldProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field: `response.${field}`, message });
  const pending = response.kind === ResponseKind.DECISION_PENDING;
  const delayed = response.kind === ResponseKind.DELAYED;
  if (pending && !response.newDecisionAt)
    problem('newDecisionAt', 'A pending decision needs the new date the employer gave');
  if (!pending && response.newDecisionAt) problem('newDecisionAt', 'newDecisionAt goes with DECISION_PENDING only');
  if (delayed && !response.delayReason) problem('delayReason', 'A delay needs its reason');
  if (!delayed && response.delayReason) problem('delayReason', 'delayReason goes with DELAYED only');
  if (!delayed && response.resumeAt) problem('resumeAt', 'resumeAt goes with DELAYED only');
  if (problems.length > 0) throw new BadUserInputError(problems.map((p) => p.message).join('; '), problems);
}
