import { errorCode, startTestApi, TestApi } from '../support/api';
import { login, PASSWORD, signUpAgency, SignedUpAgency } from '../support/factories';

describe('login throttling', () => {
  let api: TestApi;
  let agency: SignedUpAgency;

  beforeAll(async () => {
    api = await startTestApi();
    agency = await signUpAgency(api);
  });

  afterAll(() => api.close());

  it('refuses the 101st failed login within an hour for one account, even from fresh addresses', async () => {
    const victim = await signUpAgency(api);
    for (let attempt = 1; attempt <= 100; attempt++) {
      const response = await login(
        api,
        victim.slug,
        victim.adminEmail,
        `wrong password ${attempt}`,
        `10.1.${attempt}.1`,
      );
      expect(errorCode(response)).toBe('UNAUTHENTICATED');
    }
    const refused = await login(api, victim.slug, victim.adminEmail, PASSWORD, '10.2.0.1');
    expect(errorCode(refused)).toBe('TOO_MANY_REQUESTS');
    expect(refused.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.errors![0].extensions.retryAfterSeconds).toBeLessThanOrEqual(3600);

    // Other accounts are not affected.
    const other = await login(api, agency.slug, agency.adminEmail, PASSWORD, '10.2.0.2');
    expect(other.data!.login.user.id).toBe(agency.adminId);
  });

  it('slows down repeated failures from one address, then blocks it, without blocking the account elsewhere', async () => {
    const target = await signUpAgency(api);
    const attacker = '10.3.0.1';
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(errorCode(await login(api, target.slug, target.adminEmail, 'wrong password!', attacker))).toBe(
        'UNAUTHENTICATED',
      );
    }
    expect(errorCode(await login(api, target.slug, target.adminEmail, 'wrong password!', attacker))).toBe(
      'UNAUTHENTICATED',
    );
    // Past the free attempts, the next one must wait, even with the right password.
    const slowed = await login(api, target.slug, target.adminEmail, PASSWORD, attacker);
    expect(errorCode(slowed)).toBe('TOO_MANY_REQUESTS');

    // The real user, from their own address, still gets in.
    const owner = await login(api, target.slug, target.adminEmail, PASSWORD, '10.3.0.2');
    expect(owner.data!.login.user.id).toBe(target.adminId);
  });
});
