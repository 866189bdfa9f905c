import { slugify } from '@lib/agencies';

describe('agency slugs', () => {
  it.each([
    ['Smith & Jones Talent', 'smith-jones-talent'],
    ['  Zoë Recrutement Émérite ', 'zoe-recrutement-emerite'],
    ['!!!', 'agency'],
    ['A'.repeat(80), 'a'.repeat(48)],
  ])('%s -> %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('always fits the database check', () => {
    for (const name of ['x', '---a---', 'ÅÄÖ', '123 Go', 'a-'.repeat(40)]) {
      expect(slugify(name)).toMatch(/^[a-z0-9][a-z0-9-]{0,63}$/);
    }
  });
});
