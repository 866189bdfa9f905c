import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsISO31661Alpha2, IsNotEmpty, IsString, IsTimeZone, MaxLength } from 'class-validator';
import { IsNewPassword } from './password';

@InputType()
export class SignUpAgencyInput {
  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  agencyName!: string;

  @Field({ description: 'IANA time zone of the agency, e.g. Europe/London' })
  @IsTimeZone({ message: 'timezone must be an IANA time zone such as Europe/London' })
  timezone!: string;

  @Field({ description: 'ISO 3166-1 alpha-2 country code, e.g. GB' })
  @IsISO31661Alpha2({ message: 'country must be an ISO 3166-1 alpha-2 code such as GB' })
  country!: string;

  @Field()
  @IsString()
  @IsNotEmpty()
  @MaxLength(120)
  adminName!: string;

  @Field()
  @IsEmail({}, { message: 'adminEmail must be an e-mail address' })
  @MaxLength(254)
  adminEmail!: string;

  @Field()
  @IsNewPassword()
  adminPassword!: string;
}
