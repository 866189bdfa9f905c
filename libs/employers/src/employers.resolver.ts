import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestContext } from '@lib/context';
import { Ctx, GraphqlContext, PaginationArgs, ParseIdPipe, readsProperties, rowById, rowsByParent } from '@lib/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { employerColumns } from './employer-columns';
import { AddEmployerContactInput } from './dto/add-employer-contact.input';
import { CreateEmployerInput } from './dto/create-employer.input';
import { CreatePositionInput } from './dto/create-position.input';
import { EmployerContact } from './employer-contact.entity';
import { Employer } from './employer.entity';
import {
  EMPLOYER_TYPE,
  EmployerConnection,
  EmployerContactModel,
  EmployerModel,
  POSITION_TYPE,
  PositionModel,
} from './employer.model';
import { EmployersService } from './employers.service';
import { Position } from './position.entity';

@Resolver(() => EmployerModel)
export class EmployersResolver {
  constructor(private readonly employers: EmployersService) {}

  @Mutation(() => EmployerModel)
  createEmployer(@Ctx() ctx: RequestContext, @Args('input') input: CreateEmployerInput): Promise<Employer> {
    return this.employers.create(ctx, input);
  }

  @Query(() => EmployerConnection, { name: 'employers' })
  listEmployers(@Ctx() ctx: RequestContext, @Args() page: PaginationArgs): Promise<EmployerConnection> {
    return this.employers.list(ctx, page.first, page.after);
  }

  @Query(() => EmployerModel)
  employer(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }, ParseIdPipe) id: string): Promise<Employer> {
    return this.employers.get(ctx, id);
  }

  @Mutation(() => EmployerContactModel)
  addEmployerContact(
    @Ctx() ctx: RequestContext,
    @Args('input') input: AddEmployerContactInput,
  ): Promise<EmployerContact> {
    return this.employers.addContact(ctx, input);
  }

  @Mutation(() => PositionModel)
  createPosition(@Ctx() ctx: RequestContext, @Args('input') input: CreatePositionInput): Promise<Position> {
    return this.employers.createPosition(ctx, input);
  }

  @ResolveField(() => [EmployerContactModel])
  contacts(employer: Employer, _args: unknown, { ctx }: GraphqlContext): Promise<EmployerContact[]> {
    return rowsByParent(ctx, EmployerContact, 'employerId', { createdAt: 'ASC' }).load(employer.id);
  }

  @ResolveField(() => [PositionModel])
  positions(employer: Employer, _args: unknown, { ctx }: GraphqlContext): Promise<Position[]> {
    return rowsByParent(ctx, Position, 'employerId', { createdAt: 'ASC' }).load(employer.id);
  }
}

@Resolver(() => PositionModel)
export class PositionEmployerResolver {
  @ResolveField(() => EmployerModel)
  employer(
    position: Position,
    _args: unknown,
    { ctx }: GraphqlContext,
    selection: GraphQLResolveInfo,
  ): Employer | Promise<Employer | undefined> {
    return rowById(ctx, Employer, position.employerId, employerColumns(selection));
  }
}

// What the resolved fields above read of their parent, for the statements that read only some of its columns.
readsProperties(EMPLOYER_TYPE, 'contacts', ['id']);
readsProperties(EMPLOYER_TYPE, 'positions', ['id']);
readsProperties(POSITION_TYPE, 'employer', ['employerId']);
