import { FollowUpPolicy } from '../follow-up-policy';
import { WorkingCalendar } from '../working-calendar';
import { ApplicationHistory } from './application-history';
import { nextEscalation } from './escalation-ladder';
import { promisedDecisionAt, silenceBasis } from './history-queries';
import { nextStep } from './next-step';
import { FollowUpPlan } from './plan';
import { temperature } from './temperature';

/** Working days as the employer lives them, with the agency's holidays (DOMAIN.md, follow-up policy). */
export function calendarFor(history: ApplicationHistory, policy: FollowUpPolicy): WorkingCalendar {
  return new WorkingCalendar({
    timezone: history.employer.timezone,
    country: policy.holidayCountry,
    region: policy.holidayRegion,
    extraHolidays: policy.extraHolidays,
  });
}

/** The whole plan for one application at `now`: deterministic in its three arguments, no clock, no I/O. */
export function planFollowUp(history: ApplicationHistory, policy: FollowUpPolicy, now: Date): FollowUpPlan {
  const calendar = calendarFor(history, policy);
  const step = nextStep(history, policy, now, calendar);
  return {
    nextStep: step,
    escalation: nextEscalation(history, policy, now, calendar, step),
    temperature: temperature(history, policy, now, calendar),
    revisitAt: revisitAt(history, policy, now, calendar),
  };
}

/** 003: the promised date passing calls for a call; 001: a long silence changes the cadence. */
function revisitAt(history: ApplicationHistory, policy: FollowUpPolicy, now: Date, calendar: WorkingCalendar) {
  const basis = silenceBasis(history, now);
  const moments = [
    promisedDecisionAt(history),
    basis ? calendar.workingDaysAfter(basis.at, policy.longSilenceAfterWorkingDays) : null,
  ].filter((moment): moment is Date => moment !== null && moment > now);
  return moments.length > 0 ? new Date(Math.min(...moments.map((moment) => moment.getTime()))) : null;
}
