import { Role } from '@lib/context';
import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';

@InputType()
export class InviteUserInput {
  @Field()
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  name!: string;

  @Field(() => Role, { description: 'ADMIN or COUNSELOR; candidates are invited with inviteCandidate' })
  @IsIn([Role.ADMIN, Role.COUNSELOR], { message: 'role must be ADMIN or COUNSELOR' })
  role!: Role;
}
