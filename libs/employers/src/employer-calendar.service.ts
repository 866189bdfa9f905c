import { Injectable } from '@nestjs/common';
import { AgencyPolicyService } from '@lib/agency-policy';
import { RequestContext } from '@lib/context';
import { WorkingCalendar } from '@lib/policy';
import { Employer } from './employer.entity';

/** The working days that apply to one employer: its time zone, the agency's holiday calendar. */
@Injectable()
export class EmployerCalendarService {
  constructor(private readonly policies: AgencyPolicyService) {}

  async forEmployer(ctx: RequestContext, employer: Employer): Promise<WorkingCalendar> {
    const policy = await this.policies.get(ctx);
    return new WorkingCalendar({
      timezone: employer.timezone,
      country: policy.holidayCountry,
      region: policy.holidayRegion,
      extraHolidays: policy.extraHolidays,
    });
  }
}
