import { FollowUpPolicy } from '../follow-up-policy';
import { WorkingCalendar } from '../working-calendar';
import { ApplicationHistory } from './application-history';
import { nextEscalation } from './escalation-ladder';
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
  };
}
