import { ConnectionType } from '@lib/graphql';
import { EscalationLevel } from '@lib/policy';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CounselorResolution, EscalationResolution } from './escalation-resolution';

registerEnumType(EscalationLevel, { name: 'EscalationLevel' });
registerEnumType(EscalationResolution, { name: 'EscalationResolution' });
registerEnumType(CounselorResolution, { name: 'CounselorResolution' });

@ObjectType('Escalation', { description: 'A stalled application the workers raised for a counselor to act on' })
export class EscalationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => EscalationLevel)
  level!: EscalationLevel;

  @Field({ description: 'Why, in plain words' })
  reason!: string;

  @Field({ description: 'What the policy recommends doing now' })
  recommendedAction!: string;

  @Field({ description: 'When the rung fell due' })
  dueAt!: Date;

  @Field()
  raisedAt!: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => EscalationResolution, { nullable: true })
  resolution!: EscalationResolution | null;

  @Field(() => String, { nullable: true })
  resolutionNotes!: string | null;
}

@ObjectType()
export class EscalationConnection extends ConnectionType(EscalationModel) {}
