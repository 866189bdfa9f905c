import { Field, ID, InputType } from '@nestjs/graphql';
import { IsFreeText, IsId } from '@lib/errors';
import { Type } from 'class-transformer';
import { IsDate, IsEnum, IsOptional } from 'class-validator';
import { ReferenceSignalKind } from '../reference-signal.entity';
import '../reference-signal.model';

@InputType()
export class RecordReferenceSignalInput {
  @Field(() => ID)
  @IsId()
  applicationId!: string;

  @Field(() => ReferenceSignalKind)
  @IsEnum(ReferenceSignalKind)
  kind!: ReferenceSignalKind;

  @Field({ description: 'When it happened; not in the future' })
  @Type(() => Date)
  @IsDate()
  occurredAt!: Date;

  @Field(() => ID, { nullable: true, description: "One of the candidate's references" })
  @IsOptional()
  @IsId()
  referenceId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsFreeText(2000)
  notes?: string;
}
