import { createSecretKey, KeyObject } from 'node:crypto';

/**
 * The key access tokens are verified with, built once from the configured
 * secret: the same bytes jsonwebtoken derives from the string the tokens are
 * signed with (its UTF-8 encoding). Given the string, jsonwebtoken would try
 * to parse it as a PEM public key on every request before falling back to a
 * secret key, a twentieth of the API's CPU under load; a secret KeyObject is
 * also only ever accepted for HMAC algorithms.
 */
export function accessTokenKey(secret: string): KeyObject {
  return createSecretKey(Buffer.from(secret, 'utf8'));
}
