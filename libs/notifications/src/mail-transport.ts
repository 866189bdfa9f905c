import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Clock } from '@lib/clock';
import { mailConfig } from '@lib/config';
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, type Transporter } from 'nodemailer';

export interface OutgoingMail {
  agencyId: string;
  notificationId: string;
  to: string;
  subject: string;
  text: string;
  /** Sent as the HTML alternative of the plain text. */
  html?: string;
}

/** SMTP waits bounded well inside the delivery lease; nodemailer's defaults run to minutes. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000, dnsTimeout: 10_000 };

/** The notification's id as the Message-ID: a receiving mail system can drop a copy sent again after a crash. */
export function messageIdOf(notificationId: string): string {
  return `<${notificationId}@recruiting-followup>`;
}

/**
 * Sends e-mail over SMTP_URL, or, without one, writes each message to
 * `<MAIL_DIR>/<agencyId>/<notificationId>.eml`: one file per notification,
 * rewritten in place (never duplicated) when the message is sent again.
 */
@Injectable()
export class MailTransport implements OnModuleDestroy {
  private readonly transporter: Transporter;

  constructor(
    @Inject(mailConfig.KEY) private readonly config: ConfigType<typeof mailConfig>,
    private readonly clock: Clock,
  ) {
    this.transporter = config.smtpUrl
      ? createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS })
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  async send(mail: OutgoingMail): Promise<void> {
    const info = await this.transporter.sendMail({
      from: this.config.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: messageIdOf(mail.notificationId),
      date: this.clock.now(),
    });
    if (!this.config.smtpUrl) await this.writeFile(mail, info.message as Buffer);
  }

  /** Where a notification's message is written in file mode. */
  fileOf(agencyId: string, notificationId: string): string {
    return join(this.config.mailDir, agencyId, `${notificationId}.eml`);
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }

  /** Temp file then rename: a reader never sees half a message, a crash leaves no half-written .eml. */
  private async writeFile(mail: OutgoingMail, message: Buffer): Promise<void> {
    const target = this.fileOf(mail.agencyId, mail.notificationId);
    const temporary = `${target}.${randomBytes(4).toString('hex')}.tmp`;
    await mkdir(join(this.config.mailDir, mail.agencyId), { recursive: true });
    try {
      await writeFile(temporary, message);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }
}
