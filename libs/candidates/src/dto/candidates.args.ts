import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsId, NullAsAbsent } from '@lib/errors';
import { PaginationArgs, PipelineOrder } from '@lib/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Stage } from '@lib/pipeline';

@InputType()
export class CandidateFilter {
  @Field({ nullable: true, description: 'Part of the name or e-mail; case and accents are ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  counselorId?: string;

  @Field(() => Stage, { nullable: true, description: 'Candidates with at least one application in this stage' })
  @IsOptional()
  @IsEnum(Stage)
  stage?: Stage;

  @Field({
    nullable: true,
    description: 'With an open escalation on any of their applications (true) or on none (false)',
  })
  @IsOptional()
  @IsBoolean()
  hasOpenEscalation?: boolean;

  @Field({ nullable: true, description: 'With an overdue next step on any open application (true) or on none (false)' })
  @IsOptional()
  @IsBoolean()
  hasOverdueNextStep?: boolean;
}

@ArgsType()
export class CandidatesArgs extends PaginationArgs {
  @Field(() => PipelineOrder, { defaultValue: PipelineOrder.CREATED })
  @IsEnum(PipelineOrder)
  orderBy: PipelineOrder = PipelineOrder.CREATED;

  @Field(() => CandidateFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CandidateFilter)
  @NullAsAbsent()
  filter?: CandidateFilter;
}
