/**
 * The only source of "now" in the product. Services take a Clock instead of
 * calling `new Date()`, so cadence, expiry and escalation logic can be tested
 * in simulated time.
 */
export abstract class Clock {
  abstract now(): Date;

  nowSeconds(): number {
    return Math.floor(this.now().getTime() / 1000);
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock for tests: it stands still until told to move. */
export class FixedClock extends Clock {
  private current: Date;

  constructor(start: Date | string) {
    super();
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(to: Date | string): void {
    this.current = new Date(to);
  }

  advanceSeconds(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
  }
}
