import { hashSecret, newOpaqueToken, parseOpaqueToken } from '@lib/auth';

const AGENCY = '6c1a4f6e-1f0e-4d59-9b51-0b7f1c0c8a11';

describe('opaque tokens', () => {
  it('round-trips agency, id and secret, and stores only a hash', () => {
    const token = newOpaqueToken(AGENCY);
    const parsed = parseOpaqueToken(token.value)!;
    expect(parsed).toEqual({ agencyId: AGENCY, id: token.id, secret: token.secret });
    expect(hashSecret(parsed.secret).equals(token.hash)).toBe(true);
    expect(token.hash.toString('hex')).not.toContain(Buffer.from(token.secret).toString('hex'));
  });

  it('makes a different secret every time', () => {
    expect(newOpaqueToken(AGENCY).secret).not.toBe(newOpaqueToken(AGENCY).secret);
  });

  it.each([
    'garbage',
    `${AGENCY}.not-a-uuid.${'a'.repeat(43)}`,
    `not-a-uuid.${AGENCY}.${'a'.repeat(43)}`,
    `${AGENCY}.${AGENCY}.short`,
    `${AGENCY}.${AGENCY}.${'a'.repeat(43)}.extra`,
  ])('refuses %s', (value) => {
    expect(parseOpaqueToken(value)).toBeNull();
  });
});
