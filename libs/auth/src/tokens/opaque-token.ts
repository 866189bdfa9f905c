import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isUUID } from 'class-validator';

/**
 * Refresh tokens and invitation tokens: `<agencyId>.<id>.<secret>`. The agency
 * and row id let the server open the right agency's transaction and find the
 * row; only a SHA-256 of the 256-bit secret is stored, so a database leak
 * yields no usable token.
 */
export interface OpaqueToken {
  agencyId: string;
  id: string;
  secret: string;
}

export function newOpaqueToken(agencyId: string): OpaqueToken & { value: string; hash: Buffer } {
  const id = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return { agencyId, id, secret, value: `${agencyId}.${id}.${secret}`, hash: hashSecret(secret) };
}

export function parseOpaqueToken(value: string): OpaqueToken | null {
  const parts = value.split('.');
  if (parts.length !== 3) return null;
  const [agencyId, id, secret] = parts as [string, string, string];
  if (!isUUID(agencyId) || !isUUID(id) || !/^[A-Za-z0-9_-]{43}$/.test(secret)) return null;
  return { agencyId, id, secret };
}

export function hashSecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
