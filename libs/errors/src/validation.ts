import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { BadUserInputError, FieldProblem } from './domain-errors';
import { badTextInput, textDefectsIn } from './storable-text';

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

/**
 * Every string of a body (a REST body, a resolver's arguments) must be text
 * that can be stored, whatever its declared type: a NUL or a lone surrogate
 * would otherwise fail in PostgreSQL or in a validator. GraphQL documents are
 * refused earlier, before execution (@lib/graphql's text hook); this covers
 * the REST routes and anything that reaches a handler another way.
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body') {
      const defects = textDefectsIn(value);
      if (defects.length > 0) {
        // Named as class-validator names them: from inside the value, or the parameter itself.
        const field = (path: readonly (string | number)[]) =>
          path.length ? path.join('.') : (metadata.data ?? 'body');
        throw badTextInput(defects.map(({ path, defect }) => ({ field: field(path), defect })));
      }
    }
    return super.transform(value, metadata);
  }
}

/** The global pipe: every decorated input is validated, and a failure names the offending fields. */
export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
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
