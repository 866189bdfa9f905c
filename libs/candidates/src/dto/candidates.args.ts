import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { IsId } from '@lib/errors';
import { PaginationArgs } from '@lib/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
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
}

@ArgsType()
export class CandidatesArgs extends PaginationArgs {
  @Field(() => CandidateFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CandidateFilter)
  filter?: CandidateFilter;
}
