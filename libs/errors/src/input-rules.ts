import { applyDecorators } from '@nestjs/common';
import { IsEmail, IsNotEmpty, IsPhoneNumber, IsString, IsUUID, MaxLength } from 'class-validator';

/** Validation rules shared by every input, so the same field is checked the same way everywhere. */
export const IsName = (max = 200) => applyDecorators(IsString(), IsNotEmpty(), MaxLength(max));

export const IsEmailAddress = () =>
  applyDecorators(IsEmail({}, { message: ({ property }) => `${property} must be an e-mail address` }), MaxLength(254));

export const IsPhone = () =>
  applyDecorators(
    IsPhoneNumber(undefined, {
      message: ({ property }) => `${property} must be an international phone number such as +44 20 7946 0958`,
    }),
  );

export const IsFreeText = (max = 2000) => applyDecorators(IsString(), MaxLength(max));

/** Ids are checked for shape here; whether the caller may see the record is the service's NOT_FOUND. */
export const IsId = () => applyDecorators(IsUUID('all', { message: ({ property }) => `${property} must be an id` }));
