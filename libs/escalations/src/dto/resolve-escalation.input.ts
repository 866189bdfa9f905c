import { IsFreeText, IsId } from '@lib/errors';
import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional } from 'class-validator';
import { CounselorResolution } from '../escalation-resolution';

@InputType()
export class ResolveEscalationInput {
  @Field(() => ID)
  @IsId()
  escalationId!: string;

  @Field(() => CounselorResolution)
  @IsEnum(CounselorResolution)
  resolution!: CounselorResolution;

  @Field({ nullable: true })
  @IsOptional()
  @IsFreeText()
  notes?: string;
}
