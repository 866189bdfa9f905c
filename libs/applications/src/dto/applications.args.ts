import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsId } from '@lib/errors';
import { PaginationArgs } from '@lib/graphql';
import { Stage } from '@lib/pipeline';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, ValidateNested } from 'class-validator';

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
}

@ArgsType()
export class ApplicationsArgs extends PaginationArgs {
  @Field(() => ApplicationFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicationFilter)
  filter?: ApplicationFilter;
}
