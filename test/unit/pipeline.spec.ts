import { allowedMoves, canMove, CLOSED_STAGES, isOpen, Stage } from '@lib/pipeline';

describe('the pipeline', () => {
  it('moves forward through the stages DOMAIN.md lists', () => {
    const path = [
      Stage.SUBMITTED,
      Stage.INTERVIEWING,
      Stage.AWAITING_DECISION,
      Stage.REFERENCE_CHECK,
      Stage.OFFER_VERBAL,
      Stage.OFFER_WRITTEN,
      Stage.PLACED,
    ];
    for (let step = 1; step < path.length; step++) expect(canMove(path[step - 1]!, path[step]!)).toBe(true);
  });

  it('lets nothing out of PLACED, REJECTED or WITHDRAWN', () => {
    for (const stage of [Stage.PLACED, Stage.REJECTED, Stage.WITHDRAWN]) expect(allowedMoves(stage)).toEqual([]);
  });

  it('lets an employer who comes back reopen an application that was out of the running', () => {
    expect(canMove(Stage.OUT_OF_RUNNING, Stage.INTERVIEWING)).toBe(true);
  });

  it('keeps campaigning after a verbal offer: only the written offer leads to placement', () => {
    expect(canMove(Stage.OFFER_VERBAL, Stage.PLACED)).toBe(false);
    expect(canMove(Stage.OFFER_VERBAL, Stage.OFFER_WRITTEN)).toBe(true);
    expect(canMove(Stage.OFFER_WRITTEN, Stage.PLACED)).toBe(true);
  });

  it('puts open applications on hold and resumes them', () => {
    for (const stage of [Stage.SUBMITTED, Stage.INTERVIEWING, Stage.AWAITING_DECISION, Stage.OFFER_VERBAL]) {
      expect(canMove(stage, Stage.ON_HOLD)).toBe(true);
    }
    expect(canMove(Stage.ON_HOLD, Stage.AWAITING_DECISION)).toBe(true);
    expect(isOpen(Stage.ON_HOLD)).toBe(true);
  });

  it('never allows staying put or skipping the interview', () => {
    for (const stage of Object.values(Stage)) expect(canMove(stage, stage)).toBe(false);
    expect(canMove(Stage.SUBMITTED, Stage.OFFER_WRITTEN)).toBe(false);
  });

  it('knows which stages are closed', () => {
    expect(CLOSED_STAGES).toEqual([Stage.PLACED, Stage.REJECTED, Stage.WITHDRAWN, Stage.OUT_OF_RUNNING]);
  });
});
