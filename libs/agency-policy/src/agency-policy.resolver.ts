import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequestContext, Role, Roles } from '@lib/context';
import { Ctx } from '@lib/graphql';
import { FollowUpPolicy } from '@lib/policy';
import { AgencyPolicyModel } from './agency-policy.model';
import { AgencyPolicyService } from './agency-policy.service';
import { UpdateAgencyPolicyInput } from './dto/update-agency-policy.input';

function toModel(policy: FollowUpPolicy): AgencyPolicyModel {
  const { holidayCountry, holidayRegion, extraHolidays, ...rules } = policy;
  return { ...rules, holidays: { country: holidayCountry, region: holidayRegion, extraDates: extraHolidays } };
}

@Resolver(() => AgencyPolicyModel)
export class AgencyPolicyResolver {
  constructor(private readonly policies: AgencyPolicyService) {}

  @Query(() => AgencyPolicyModel, { description: "The agency's follow-up policy" })
  async agencyPolicy(@Ctx() ctx: RequestContext): Promise<AgencyPolicyModel> {
    return toModel(await this.policies.get(ctx));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => AgencyPolicyModel, { description: 'Changes the given rules; the others stay' })
  async updateAgencyPolicy(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateAgencyPolicyInput,
  ): Promise<AgencyPolicyModel> {
    return toModel(await this.policies.update(ctx, input));
  }
}
