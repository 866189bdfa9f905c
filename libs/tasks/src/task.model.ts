import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TaskKind } from './task.entity';

registerEnumType(TaskKind, { name: 'TaskKind' });

@ObjectType('Task')
export class TaskModel {
  @Field(() => ID)
  id!: string;

  @Field(() => TaskKind)
  kind!: TaskKind;

  @Field()
  title!: string;

  @Field()
  dueAt!: Date;

  @Field(() => ID)
  assigneeUserId!: string;

  @Field(() => Date, { nullable: true })
  completedAt!: Date | null;
}
