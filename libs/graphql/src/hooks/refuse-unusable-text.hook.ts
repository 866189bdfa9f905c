import { badTextInput } from '@lib/errors';
import { DocumentNode } from 'graphql';
import { argumentTextProblems } from '../input/argument-text';

/**
 * Mercurius `preExecution` hook: a document whose arguments carry a NUL
 * character or a lone surrogate, written in it or sent as variables, is
 * refused with BAD_USER_INPUT naming the fields, before any guard, pipe or
 * resolver runs. Nothing of it executes, so a bad string cannot reach
 * PostgreSQL (which refuses NUL in text) or a validator (which throws on a lone
 * surrogate), whichever argument carries it, declared in a DTO or not.
 */
export async function refuseUnusableText(
  _schema: unknown,
  document: DocumentNode,
  _context: unknown,
  variables: Record<string, unknown> | undefined,
): Promise<void> {
  const problems = argumentTextProblems(document, variables);
  if (problems.length > 0) throw badTextInput(problems);
}
