import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsId } from '@lib/errors';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, Max, Min } from 'class-validator';

@InputType()
export class SubmitCandidateInput {
  @Field(() => ID)
  @IsId()
  candidateId!: string;

  @Field(() => ID)
  @IsId()
  positionId!: string;

  @Field(() => Int, { description: 'How much the candidate wants this job, 1 (little) to 5 (very much)' })
  @IsInt()
  @Min(1)
  @Max(5)
  interestLevel!: number;

  @Field({
    nullable: true,
    description: 'When the candidate was put forward, if not now (entering history); not in the future',
  })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  submittedAt?: Date;
}
