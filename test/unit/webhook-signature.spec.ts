import { newWebhookSecret, signWebhook, verifyWebhookSignature } from '@lib/notifications';

describe('webhook signatures (Standard Webhooks)', () => {
  it('matches the reference example of the Standard Webhooks specification', () => {
    const signature = signWebhook(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('issues whsec_ secrets of 32 random bytes that sign and verify', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(newWebhookSecret()).not.toBe(secret);
    const body = '{"type":"escalation.raised"}';
    const headers = {
      'webhook-id': 'n1',
      'webhook-timestamp': '1000',
      'webhook-signature': signWebhook(secret, 'n1', 1000, body),
    };
    expect(verifyWebhookSignature(secret, { body, headers }, 1000)).toBe(true);
    expect(verifyWebhookSignature(newWebhookSecret(), { body, headers }, 1000)).toBe(false);
  });
});
