import { registerAs } from '@nestjs/config';
import { IsInt, IsNotEmpty, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { resolve } from 'node:path';
import { validateEnv } from './validate-env';

class MailEnv {
  @Matches(/^[^\n]*@[^\n]+$/, { message: 'MAIL_FROM must be an address such as "Name <no-reply@example.com>"' })
  MAIL_FROM: string = 'Recruiting Follow-up <no-reply@localhost>';

  /** Empty: e-mails are written to MAIL_DIR instead of being sent. */
  @ValidateIf((env: MailEnv) => env.SMTP_URL !== '')
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL: string = '';

  @IsString()
  @IsNotEmpty({ message: 'MAIL_DIR must not be empty' })
  MAIL_DIR: string = 'var/mail';

  // A delivery batch must finish well inside the claim's lease (see NotificationDeliveryService).
  @IsInt({ message: 'WEBHOOK_TIMEOUT_MS must be between 500 and 20000' })
  @Min(500, { message: 'WEBHOOK_TIMEOUT_MS must be between 500 and 20000' })
  @Max(20000, { message: 'WEBHOOK_TIMEOUT_MS must be between 500 and 20000' })
  WEBHOOK_TIMEOUT_MS: number = 5000;

  @IsInt({ message: 'NOTIFICATION_MAX_ATTEMPTS must be between 1 and 20' })
  @Min(1, { message: 'NOTIFICATION_MAX_ATTEMPTS must be between 1 and 20' })
  @Max(20, { message: 'NOTIFICATION_MAX_ATTEMPTS must be between 1 and 20' })
  NOTIFICATION_MAX_ATTEMPTS: number = 8;

  // How long a worker holds the notifications it claimed; one that dies frees them after this.
  @IsInt({ message: 'NOTIFICATION_CLAIM_LEASE_MS must be between 1000 and 3600000' })
  @Min(1000, { message: 'NOTIFICATION_CLAIM_LEASE_MS must be between 1000 and 3600000' })
  @Max(3600000, { message: 'NOTIFICATION_CLAIM_LEASE_MS must be between 1000 and 3600000' })
  NOTIFICATION_CLAIM_LEASE_MS: number = 120000;
}

export const mailConfig = registerAs('mail', () => {
  const env = validateEnv(MailEnv);
  return {
    from: env.MAIL_FROM,
    /** Carries the SMTP password: never log it. */
    smtpUrl: env.SMTP_URL || null,
    mailDir: resolve(env.MAIL_DIR),
    webhookTimeoutMs: env.WEBHOOK_TIMEOUT_MS,
    maxAttempts: env.NOTIFICATION_MAX_ATTEMPTS,
    claimLeaseMs: env.NOTIFICATION_CLAIM_LEASE_MS,
  };
});
