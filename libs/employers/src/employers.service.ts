import { Injectable } from '@nestjs/common';
import { AuditService } from '@lib/audit';
import { Clock } from '@lib/clock';
import { RequestContext } from '@lib/context';
import { BadUserInputError, NotFoundError } from '@lib/errors';
import { Connection, paginateByCreation } from '@lib/graphql';
import { randomUUID } from 'node:crypto';
import { AddEmployerContactInput } from './dto/add-employer-contact.input';
import { CreateEmployerInput } from './dto/create-employer.input';
import { CreatePositionInput } from './dto/create-position.input';
import { EmployerContact } from './employer-contact.entity';
import { Employer } from './employer.entity';
import { Position } from './position.entity';

@Injectable()
export class EmployersService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestContext, input: CreateEmployerInput): Promise<Employer> {
    const employer: Employer = {
      agencyId: ctx.agencyId!,
      id: randomUUID(),
      name: input.name.trim(),
      timezone: input.timezone,
      isLocal: input.isLocal,
      createdAt: this.clock.now(),
    };
    await (await ctx.repository(Employer)).insert(employer);
    await this.audit.record(ctx, { action: 'employer.created', recordType: 'employer', recordId: employer.id });
    return employer;
  }

  get(ctx: RequestContext, id: string): Promise<Employer> {
    return ctx.findOrFail(Employer, { id }, 'Employer');
  }

  async list(ctx: RequestContext, first: number, after?: string): Promise<Connection<Employer>> {
    return paginateByCreation(ctx, (await ctx.repository(Employer)).createQueryBuilder('e'), first, after);
  }

  /** Marking a new designated contact takes the mark from the previous one: there is one at a time. */
  async addContact(ctx: RequestContext, input: AddEmployerContactInput): Promise<EmployerContact> {
    const employer = await this.lockEmployer(ctx, input.employerId);
    const contacts = await ctx.repository(EmployerContact);
    if (input.isDesignatedContact) {
      await contacts.update(
        { agencyId: employer.agencyId, employerId: employer.id, isDesignatedContact: true },
        {
          isDesignatedContact: false,
        },
      );
    }
    const contact: EmployerContact = {
      agencyId: employer.agencyId,
      id: randomUUID(),
      employerId: employer.id,
      fullName: input.fullName.trim(),
      role: input.role,
      email: input.email?.trim().toLowerCase() ?? null,
      phone: input.phone?.trim() ?? null,
      bestWayToReach: input.bestWayToReach?.trim() || null,
      isDesignatedContact: input.isDesignatedContact ?? false,
      createdAt: this.clock.now(),
    };
    await contacts.insert(contact);
    await this.audit.record(ctx, {
      action: 'employer_contact.added',
      recordType: 'employer_contact',
      recordId: contact.id,
      details: { employerId: employer.id, role: contact.role, designated: contact.isDesignatedContact },
    });
    return contact;
  }

  async createPosition(ctx: RequestContext, input: CreatePositionInput): Promise<Position> {
    const employer = await this.get(ctx, input.employerId);
    const position: Position = {
      agencyId: employer.agencyId,
      id: randomUUID(),
      employerId: employer.id,
      title: input.title.trim(),
      createdAt: this.clock.now(),
    };
    await (await ctx.repository(Position)).insert(position);
    await this.audit.record(ctx, {
      action: 'position.created',
      recordType: 'position',
      recordId: position.id,
      details: { employerId: employer.id },
    });
    return position;
  }

  getPosition(ctx: RequestContext, id: string): Promise<Position> {
    return ctx.findOrFail(Position, { id }, 'Position');
  }

  /** Makes one contact the employer's designated contact, taking the mark from any other. */
  async designate(ctx: RequestContext, employerId: string, contactId: string): Promise<void> {
    const contacts = await ctx.repository(EmployerContact);
    const contact = await contacts.findOneBy({ agencyId: ctx.agencyId!, id: contactId, employerId });
    if (!contact) throw BadUserInputError.forField('designatedContactId', "The contact must be one of the employer's");
    if (contact.isDesignatedContact) return;
    await contacts.update(
      { agencyId: ctx.agencyId!, employerId, isDesignatedContact: true },
      { isDesignatedContact: false },
    );
    await contacts.update({ agencyId: ctx.agencyId!, id: contactId }, { isDesignatedContact: true });
  }

  /**
   * Row lock on the employer: serialises changes that must see each other, such as two
   * "designated" marks or two follow-ups checked against the minimum gap.
   */
  async lockEmployer(ctx: RequestContext, id: string): Promise<Employer> {
    const employers = await ctx.repository(Employer);
    const employer = await employers.findOne({
      where: { agencyId: ctx.agencyId!, id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!employer) throw new NotFoundError('Employer');
    return employer;
  }
}
