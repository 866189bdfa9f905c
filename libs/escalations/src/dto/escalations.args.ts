import { IsId, NullAsAbsent } from '@lib/errors';
import { PaginationArgs } from '@lib/graphql';
import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';

@InputType()
export class EscalationFilter {
  @Field({ nullable: true, description: 'Only open (true) or only resolved (false) escalations' })
  @IsOptional()
  @IsBoolean()
  open?: boolean;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  assigneeId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  applicationId?: string;
}

@ArgsType()
export class EscalationsArgs extends PaginationArgs {
  @Field(() => EscalationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EscalationFilter)
  @NullAsAbsent()
  filter?: EscalationFilter;
}
