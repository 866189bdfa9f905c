import { Role } from '@lib/context';
import { ConnectionType } from '@lib/graphql';
import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';

registerEnumType(Role, { name: 'Role' });

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  fullName!: string;

  @Field(() => Role)
  role!: Role;

  @Field()
  createdAt!: Date;

  @Field(() => Date, {
    nullable: true,
    description: 'When an admin deactivated the account (it cannot sign in); null while it is active',
  })
  deactivatedAt!: Date | null;
}

@ObjectType()
export class UserConnection extends ConnectionType(UserModel) {}
