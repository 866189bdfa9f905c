import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsId, NullAsAbsent } from '@lib/errors';
import { PaginationArgs, PipelineOrder } from '@lib/graphql';
import { Stage } from '@lib/pipeline';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, ValidateNested } from 'class-validator';

@InputType()
export class ApplicationFilter {
  @Field(() => ID, { nullable: true, description: "The candidate's counselor" })
  @IsOptional()
  @IsId()
  counselorId?: string;

  @Field(() => Stage, { nullable: true })
  @IsOptional()
  @IsEnum(Stage)
  stage?: Stage;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  employerId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  candidateId?: string;

  @Field({ nullable: true, description: 'With an open escalation (true) or without (false)' })
  @IsOptional()
  @IsBoolean()
  hasOpenEscalation?: boolean;

  @Field({ nullable: true, description: 'Whose next step is past its due time (true) or not (false)' })
  @IsOptional()
  @IsBoolean()
  hasOverdueNextStep?: boolean;
}

@ArgsType()
export class ApplicationsArgs extends PaginationArgs {
  @Field(() => PipelineOrder, { defaultValue: PipelineOrder.CREATED })
  @IsEnum(PipelineOrder)
  orderBy: PipelineOrder = PipelineOrder.CREATED;

  @Field(() => ApplicationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicationFilter)
  @NullAsAbsent()
  filter?: ApplicationFilter;
}
