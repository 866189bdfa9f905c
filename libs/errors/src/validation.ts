import { ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { BadUserInputError, FieldProblem } from './domain-errors';

function collect(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...collect(error.children ?? [], field)];
  });
}

export function toBadUserInput(errors: ValidationError[]): BadUserInputError {
  const fields = collect(errors);
  const summary = fields.map((problem) => problem.message).join('; ');
  return new BadUserInputError(summary || 'Invalid input', fields);
}

/** The global pipe: every decorated input is validated, and a failure names the offending fields. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => toBadUserInput(errors),
  });
}

/** Validates a plain object against an input class outside the pipe (guards run before pipes). */
export async function validateInput<T extends object>(schema: new () => T, plain: unknown): Promise<T> {
  const instance = plainToInstance(schema, plain ?? {});
  const errors = await validate(instance, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw toBadUserInput(errors);
  return instance;
}
