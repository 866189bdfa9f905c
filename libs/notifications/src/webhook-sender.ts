import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Clock } from '@lib/clock';
import { mailConfig } from '@lib/config';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface OutgoingWebhook {
  /** The notification's id: the receiver's idempotency key (`webhook-id`). */
  id: string;
  url: string;
  secret: string;
  payload: unknown;
}

/** A failed delivery, with a message fit for `last_error`: no URL (it may carry credentials), no secret. */
export class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError';
}

const SECRET_PREFIX = 'whsec_';

/**
 * A new signing secret in the Standard Webhooks form, `whsec_` + base64 of 32
 * random bytes, so the official verification libraries take it as it is.
 */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64')}`;
}

/** The HMAC key: the bytes the secret's base64 part encodes (Standard Webhooks). */
function signingKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

/** `v1,` + base64 HMAC-SHA256 of `<id>.<timestamp>.<body>`, keyed with the secret's bytes. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  return `v1,${createHmac('sha256', signingKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

export interface ReceivedWebhook {
  /** The raw request body, exactly as received (before any JSON parsing). */
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * What a receiver does (Standard Webhooks): recompute the signature over the
 * raw body, compare in constant time with each signature of the header, and
 * refuse a timestamp more than `toleranceSeconds` away from its own clock
 * (replays).
 */
export function verifyWebhookSignature(
  secret: string,
  received: ReceivedWebhook,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  const header = (name: string) => {
    const value = received.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const id = header('webhook-id');
  const timestamp = Number(header('webhook-timestamp'));
  const signatures = header('webhook-signature');
  if (!id || !signatures || !Number.isInteger(timestamp)) return false;
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, id, timestamp, received.body));
  return signatures.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** POSTs a notification's payload, signed; anything but a 2xx within the timeout is a failure. */
@Injectable()
export class WebhookSender {
  constructor(
    @Inject(mailConfig.KEY) private readonly config: ConfigType<typeof mailConfig>,
    private readonly clock: Clock,
  ) {}

  async send(webhook: OutgoingWebhook): Promise<void> {
    const body = JSON.stringify(webhook.payload);
    const timestamp = this.clock.nowSeconds();
    let response: Response;
    try {
      response = await fetch(webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': webhook.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(webhook.secret, webhook.id, timestamp, body),
        },
        body,
        // A redirect could carry the signed message to a host nobody registered.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.webhookTimeoutMs),
      });
    } catch (error) {
      throw new WebhookDeliveryError(describeFetchFailure(error, this.config.webhookTimeoutMs));
    }
    await response.body?.cancel().catch(() => undefined);
    if (response.status < 200 || response.status > 299) {
      throw new WebhookDeliveryError(`The endpoint answered HTTP ${response.status}`);
    }
  }
}

/** Error codes only: a message may quote the URL, which may carry credentials. */
function describeFetchFailure(error: unknown, timeoutMs: number): string {
  const { name, cause } = error as Error & { cause?: { code?: string; name?: string } };
  if (name === 'TimeoutError') return `No answer within ${timeoutMs} ms`;
  const code = cause?.code ?? cause?.name;
  return code ? `The request failed: ${code}` : 'The request failed';
}
