import { Field, InputType } from '@nestjs/graphql';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsNewPassword } from './password';

@InputType()
export class AcceptInvitationInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  token!: string;

  @Field()
  @IsNewPassword()
  password!: string;
}
