import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Agency')
export class AgencyModel {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'Used with the e-mail address to sign in' })
  slug!: string;

  @Field({ description: 'IANA time zone, e.g. Europe/Paris' })
  timezone!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code' })
  country!: string;
}
