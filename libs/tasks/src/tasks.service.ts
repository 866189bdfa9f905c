import { Injectable } from '@nestjs/common';
import { Application } from '@lib/applications';
import { AuditService } from '@lib/audit';
import { Candidate } from '@lib/candidates';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { EmployerCalendarService, EmployersService } from '@lib/employers';
import { NotFoundError } from '@lib/errors';
import { randomUUID } from 'node:crypto';
import { Task, TaskKind } from './task.entity';

/** References go out by the end of the next working day (002: "Need references? Done."). */
const SEND_REFERENCES_WITHIN_WORKING_DAYS = 1;

@Injectable()
export class TasksService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly employers: EmployersService,
    private readonly calendars: EmployerCalendarService,
  ) {}

  /**
   * Opens the "send references" task for the candidate's counselor, due by the
   * end of the next working day in the employer's time zone. Once per source:
   * a repeated request opens nothing new.
   */
  async openSendReferences(
    ctx: RequestContext,
    application: Application,
    requestedAt: Date,
    sourceId: string,
  ): Promise<void> {
    const position = await this.employers.getPosition(ctx, application.positionId);
    const employer = await this.employers.get(ctx, position.employerId);
    const calendar = await this.calendars.forEmployer(ctx, employer);
    const candidate = await ctx.findOrFail(Candidate, { id: application.candidateId }, 'Candidate');
    const id = randomUUID();
    const inserted = await ctx.query<{ id: string }>(
      `INSERT INTO tasks (agency_id, id, application_id, kind, source_id, title, due_at, assignee_user_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT ON CONSTRAINT tasks_source_key DO NOTHING
       RETURNING id`,
      [
        application.agencyId,
        id,
        application.id,
        TaskKind.SEND_REFERENCES,
        sourceId,
        `Send references to ${employer.name}`,
        calendar.workingDaysAfter(requestedAt, SEND_REFERENCES_WITHIN_WORKING_DAYS + 1),
        candidate.counselorId,
        this.clock.now(),
      ],
    );
    if (inserted.length > 0) {
      await this.audit.record(ctx, {
        action: 'task.opened',
        recordType: 'task',
        recordId: id,
        details: { kind: TaskKind.SEND_REFERENCES, applicationId: application.id },
      });
    }
  }

  async complete(ctx: RequestContext, id: string): Promise<Task> {
    const tasks = await ctx.repository(Task);
    const task = await tasks.findOneBy({ agencyId: ctx.agencyId!, id });
    if (!task) throw new NotFoundError('Task');
    if (!task.completedAt) {
      task.completedAt = this.clock.now();
      await tasks.update({ agencyId: task.agencyId, id }, { completedAt: task.completedAt });
      await this.audit.record(ctx, { action: 'task.completed', recordType: 'task', recordId: id });
    }
    return task;
  }
}
