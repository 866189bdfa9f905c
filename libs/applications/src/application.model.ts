import { Stage } from '@lib/pipeline';
import { ConnectionType } from '@lib/graphql';
import { createUnionType, Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('StageChange')
export class StageChangeModel {
  @Field(() => Stage, { nullable: true })
  fromStage!: Stage | null;

  @Field(() => Stage)
  toStage!: Stage;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field(() => ID, { nullable: true, description: 'Null when a worker moved it' })
  changedByUserId!: string | null;

  @Field()
  changedAt!: Date;
}

@ObjectType('Application')
export class ApplicationModel {
  @Field(() => ID)
  id!: string;

  @Field(() => Stage)
  stage!: Stage;

  @Field(() => Int)
  interestLevel!: number;

  @Field()
  stageChangedAt!: Date;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class ApplicationConnection extends ConnectionType(ApplicationModel) {}

/** A stage move the pipeline does not allow, with the moves it does. */
@ObjectType()
export class StageChangeNotAllowed {
  @Field(() => Stage)
  from!: Stage;

  @Field(() => Stage)
  to!: Stage;

  @Field(() => [Stage])
  allowed!: Stage[];
}

export const ChangeStageResult = createUnionType({
  name: 'ChangeStageResult',
  types: () => [ApplicationModel, StageChangeNotAllowed] as const,
  resolveType: (value) => (value instanceof StageChangeNotAllowed ? StageChangeNotAllowed : ApplicationModel),
});
