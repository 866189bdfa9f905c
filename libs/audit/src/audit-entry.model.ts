import { ConnectionType } from '@lib/graphql';
import { Field, ID, InputType, ObjectType, ArgsType } from '@nestjs/graphql';
import { PaginationArgs } from '@lib/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { IsId, NullAsAbsent } from '@lib/errors';

@ObjectType('AuditEntry')
export class AuditEntryModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { nullable: true, description: 'Null when a worker acted' })
  actorUserId!: string | null;

  @Field({ description: 'What happened, e.g. candidate.created, application.stage_changed' })
  action!: string;

  @Field()
  recordType!: string;

  @Field(() => ID)
  recordId!: string;

  @Field(() => GraphQLJSONObject)
  details!: Record<string, unknown>;

  @Field()
  occurredAt!: Date;
}

@ObjectType()
export class AuditEntryConnection extends ConnectionType(AuditEntryModel) {}

@InputType()
export class AuditFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  recordType?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsId()
  recordId?: string;
}

@ArgsType()
export class AuditEntriesArgs extends PaginationArgs {
  @Field(() => AuditFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AuditFilter)
  @NullAsAbsent()
  filter?: AuditFilter;
}
