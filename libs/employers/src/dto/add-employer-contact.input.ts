import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEmailAddress, IsFreeText, IsId, IsName, IsPhone } from '@lib/errors';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { ContactRole } from '../contact-role';

@InputType()
export class AddEmployerContactInput {
  @Field(() => ID)
  @IsId()
  employerId!: string;

  @Field()
  @IsName()
  fullName!: string;

  @Field(() => ContactRole)
  @IsEnum(ContactRole)
  role!: ContactRole;

  @Field({ nullable: true })
  @IsOptional()
  @IsEmailAddress()
  email?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsPhone()
  phone?: string;

  @Field({ nullable: true, description: 'How to get through: direct line, assistant, best time (003)' })
  @IsOptional()
  @IsFreeText(500)
  bestWayToReach?: string;

  @Field({ nullable: true, description: 'The person with current information on the hiring process (004)' })
  @IsOptional()
  @IsBoolean()
  isDesignatedContact?: boolean;
}
