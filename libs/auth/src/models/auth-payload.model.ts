import { AgencyModel } from '@lib/agencies';
import { UserModel } from '@lib/users';
import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field({ description: 'Bearer token for the Authorization header; lives at most 15 minutes' })
  accessToken!: string;

  @Field()
  accessTokenExpiresAt!: Date;

  @Field({ description: 'Single use: exchange it with refreshSession for a new pair' })
  refreshToken!: string;

  @Field()
  refreshTokenExpiresAt!: Date;

  @Field(() => UserModel)
  user!: UserModel;

  @Field(() => AgencyModel)
  agency!: AgencyModel;
}
