import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A webhook endpoint that counts each `webhook-id` it receives. Delivery is at least once with a stable id,
 * so a message re-sent after a crash arrives again under the same id: allowed, and counted here. An optional
 * delay stretches delivery so that kills can land in the middle of it.
 */
export class WebhookReceiver {
  private constructor(
    private readonly server: Server,
    private readonly seen: Map<string, number>,
    readonly url: string,
  ) {}

  static async start(delayMs = 0): Promise<WebhookReceiver> {
    const seen = new Map<string, number>();
    const server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const id = request.headers['webhook-id'];
        if (typeof id === 'string') seen.set(id, (seen.get(id) ?? 0) + 1);
        setTimeout(() => response.writeHead(204).end(), delayMs);
      });
    });
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    return new WebhookReceiver(server, seen, `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`);
  }

  timesSeen(id: string): number {
    return this.seen.get(id) ?? 0;
  }

  /** Requests beyond the first for the same id: the at-least-once repeats a receiver de-duplicates. */
  get repeats(): number {
    let repeats = 0;
    for (const times of this.seen.values()) repeats += times - 1;
    return repeats;
  }

  get distinct(): number {
    return this.seen.size;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((closed) => this.server.close(() => closed()));
  }
}
