import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ReferenceSignalKind } from './reference-signal.entity';

registerEnumType(ReferenceSignalKind, { name: 'ReferenceSignalKind' });

@ObjectType('ReferenceSignal')
export class ReferenceSignalModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  applicationId!: string;

  @Field(() => ReferenceSignalKind)
  kind!: ReferenceSignalKind;

  @Field()
  occurredAt!: Date;

  @Field(() => ID, { nullable: true })
  referenceId!: string | null;

  @Field(() => String, { nullable: true, description: 'Counselor-only' })
  notes!: string | null;
}
