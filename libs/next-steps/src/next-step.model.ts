import { EmployerContactModel } from '@lib/employers';
import { NextAction } from '@lib/policy';
import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

registerEnumType(NextAction, { name: 'NextAction' });

@ObjectType('NextStep', { description: "The follow-up policy's next recommended action for an application" })
export class NextStepModel {
  @Field(() => NextAction)
  action!: NextAction;

  @Field(() => Date, { nullable: true, description: 'When it is due; null when the campaign is over' })
  dueAt!: Date | null;

  @Field(() => EmployerContactModel, { nullable: true, description: 'Whom to contact' })
  contact!: EmployerContactModel | null;

  @Field({ description: 'Why, naming the rule' })
  reason!: string;
}

@ObjectType('TemperatureReason')
export class TemperatureReasonModel {
  @Field(() => Int, { description: 'Signed contribution to the score' })
  points!: number;

  @Field()
  text!: string;
}

@ObjectType('Temperature', { description: 'How alive an application is, 0 (cold) to 100 (hot), and why' })
export class TemperatureModel {
  @Field(() => Int)
  score!: number;

  @Field(() => [TemperatureReasonModel])
  reasons!: TemperatureReasonModel[];
}
