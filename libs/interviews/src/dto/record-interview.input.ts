import { Field, ID, InputType } from '@nestjs/graphql';
import { IsId } from '@lib/errors';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsDate } from 'class-validator';

@InputType()
export class RecordInterviewInput {
  @Field(() => ID)
  @IsId()
  applicationId!: string;

  @Field({ description: 'When it took place; not in the future' })
  @Type(() => Date)
  @IsDate()
  occurredAt!: Date;

  @Field(() => [ID], { description: "Contacts of the application's employer who interviewed" })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsId({ each: true })
  interviewerContactIds!: string[];

  @Field()
  @IsBoolean()
  arrangedByAgency!: boolean;
}
