import { Role } from '@lib/context';
import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('Invitation')
export class InvitationModel {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => Role)
  role!: Role;

  @Field({ description: 'Single use; shown only in this response' })
  token!: string;

  @Field()
  expiresAt!: Date;
}
