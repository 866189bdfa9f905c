import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsPhoneNumber, IsString, IsUUID, MaxLength, ValidationOptions } from 'class-validator';
import { BadUserInputError } from './domain-errors';

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

/**
 * An optional input object given as an explicit `null` (GraphQL allows it)
 * means the same as leaving it out: services then see `undefined` and their
 * defaults apply, instead of reading fields of null.
 */
export const NullAsAbsent = () => Transform(({ value }) => value ?? undefined);

/** Ids are checked for shape here; whether the caller may see the record is the service's NOT_FOUND. */
export const IsId = (options: ValidationOptions = {}) =>
  applyDecorators(IsUUID('all', { message: ({ property }) => `${property} must be an id`, ...options }));

/** Clocks disagree a little: an event "now" on the client may be a few minutes ahead of the server. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** An event being recorded has happened: its time is not in the future. */
export function assertNotInFuture(field: string, at: Date, now: Date): void {
  if (at.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw BadUserInputError.forField(field, `${field} is in the future: record an event once it has happened`);
  }
}
