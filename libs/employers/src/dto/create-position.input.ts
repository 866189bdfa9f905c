import { Field, ID, InputType } from '@nestjs/graphql';
import { IsId, IsName } from '@lib/errors';

@InputType()
export class CreatePositionInput {
  @Field(() => ID)
  @IsId()
  employerId!: string;

  @Field()
  @IsName()
  title!: string;
}
