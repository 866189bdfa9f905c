import { Injectable } from '@nestjs/common';
import { AgenciesService } from '@lib/agencies';
import { RequestContext } from '@lib/context';
import { WorkingCalendar } from '@lib/policy';
import { Employer } from './employer.entity';

/** The working days that apply to one employer: its time zone, the agency's holidays. */
@Injectable()
export class EmployerCalendarService {
  constructor(private readonly agencies: AgenciesService) {}

  async forEmployer(ctx: RequestContext, employer: Employer): Promise<WorkingCalendar> {
    const agency = await this.agencies.current(ctx);
    return new WorkingCalendar({ timezone: employer.timezone, country: agency.country });
  }
}
