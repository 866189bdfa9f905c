import { applyDecorators } from '@nestjs/common';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** NIST SP 800-63B: length over composition rules; the upper bound keeps hashing cheap to refuse. */
export const IsNewPassword = () =>
  applyDecorators(
    IsString(),
    MinLength(12, { message: 'The password must be at least 12 characters long' }),
    MaxLength(128, { message: 'The password must be at most 128 characters long' }),
  );
