import { ConnectionType } from '@lib/graphql';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ContactRole } from './contact-role';

/** The GraphQL types' names, for what their fields read (readsProperties, columnsAsked). */
export const EMPLOYER_CONTACT_TYPE = 'EmployerContact';
export const EMPLOYER_TYPE = 'Employer';
export const POSITION_TYPE = 'Position';

@ObjectType(EMPLOYER_CONTACT_TYPE)
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

@ObjectType(EMPLOYER_TYPE)
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

@ObjectType(POSITION_TYPE)
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
