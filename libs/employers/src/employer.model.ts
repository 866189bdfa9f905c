import { ConnectionType } from '@lib/graphql';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ContactRole } from './contact-role';

@ObjectType('EmployerContact')
export class EmployerContactModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  employerId!: string;

  @Field()
  fullName!: string;

  @Field(() => ContactRole)
  role!: ContactRole;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  bestWayToReach!: string | null;

  @Field()
  isDesignatedContact!: boolean;
}

@ObjectType('Employer')
export class EmployerModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field()
  timezone!: string;

  @Field()
  isLocal!: boolean;

  @Field()
  createdAt!: Date;
}

@ObjectType('Position')
export class PositionModel {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field(() => ID)
  employerId!: string;
}

@ObjectType()
export class EmployerConnection extends ConnectionType(EmployerModel) {}
