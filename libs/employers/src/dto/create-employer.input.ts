import { Field, InputType } from '@nestjs/graphql';
import { IsName } from '@lib/errors';
import { IsBoolean, IsTimeZone } from 'class-validator';

@InputType()
export class CreateEmployerInput {
  @Field()
  @IsName()
  name!: string;

  @Field({ description: "IANA time zone of the employer's office, e.g. America/Chicago" })
  @IsTimeZone({ message: 'timezone must be an IANA time zone such as America/Chicago' })
  timezone!: string;

  @Field({ description: 'Whether the employer is local to the candidate (an in-person visit is possible)' })
  @IsBoolean()
  isLocal!: boolean;
}
