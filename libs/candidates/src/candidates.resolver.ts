import { Args, ID, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { RequestContext } from '@lib/context';
import { Ctx, GraphqlContext, ParseIdPipe, rowById } from '@lib/graphql';
import { User, UserModel } from '@lib/users';
import { Candidate } from './candidate.entity';
import { CandidateConnection, CandidateModel } from './candidate.model';
import { CandidatesService } from './candidates.service';
import { CandidatesArgs } from './dto/candidates.args';
import { CreateCandidateInput } from './dto/create-candidate.input';

@Resolver(() => CandidateModel)
export class CandidatesResolver {
  constructor(private readonly candidates: CandidatesService) {}

  @Mutation(() => CandidateModel)
  createCandidate(@Ctx() ctx: RequestContext, @Args('input') input: CreateCandidateInput): Promise<Candidate> {
    return this.candidates.create(ctx, input);
  }

  @Query(() => CandidateConnection, { name: 'candidates' })
  listCandidates(@Ctx() ctx: RequestContext, @Args() args: CandidatesArgs): Promise<CandidateConnection> {
    return this.candidates.list(ctx, args.first, args.after, args.filter, args.orderBy);
  }

  @Query(() => CandidateModel)
  candidate(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }, ParseIdPipe) id: string): Promise<Candidate> {
    return this.candidates.get(ctx, id);
  }

  @ResolveField(() => UserModel)
  counselor(candidate: Candidate, _args: unknown, { ctx }: GraphqlContext): User | Promise<User | undefined> {
    return rowById(ctx, User, candidate.counselorId);
  }
}
