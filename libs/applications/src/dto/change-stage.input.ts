import { Field, ID, InputType } from '@nestjs/graphql';
import { IsFreeText, IsId } from '@lib/errors';
import { Stage } from '@lib/pipeline';
import { IsEnum, IsOptional } from 'class-validator';

@InputType()
export class ChangeStageInput {
  @Field(() => ID)
  @IsId()
  applicationId!: string;

  @Field(() => Stage)
  @IsEnum(Stage)
  stage!: Stage;

  @Field({ nullable: true, description: 'Why, in words a colleague understands; kept in the stage history' })
  @IsOptional()
  @IsFreeText(1000)
  reason?: string;
}
