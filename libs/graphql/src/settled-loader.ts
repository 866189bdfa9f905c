import DataLoader from 'dataloader';

/**
 * A per-request batch loader whose settled values can be read at once: `get`
 * answers with the value itself when a batch (or a read-ahead, see
 * readAheadAskedFields) has already read it, and with a promise otherwise. A
 * field resolver that returns a value rather than a promise costs GraphQL
 * execution much less, which counts on a list of a hundred parents.
 */
export class SettledLoader<V> {
  private readonly settled = new Map<string, V>();
  /** The read-ahead each key is being read by, until it settles. */
  private readonly reading = new Map<string, Promise<void>>();
  private readonly loader: DataLoader<string, V>;

  constructor(private readonly batch: (keys: readonly string[]) => Promise<V[]>) {
    this.loader = new DataLoader<string, V>(async (keys) => {
      const values = await batch(keys);
      keys.forEach((key, index) => this.settled.set(key, values[index]!));
      return values;
    });
  }

  get(key: string): V | Promise<V> {
    if (this.settled.has(key)) return this.settled.get(key) as V;
    const reading = this.reading.get(key);
    return reading ? reading.then(() => this.settled.get(key) as V) : this.loader.load(key);
  }

  /** A value read by another statement (see joinAheadAskedFields); a key already settled keeps its value. */
  settle(key: string, value: V): void {
    if (!this.settled.has(key)) this.settled.set(key, value);
  }

  /**
   * Reads the keys in one batch, for `get` to find them settled. The batch is
   * run directly rather than through the DataLoader: its promises and cache
   * entries per key cost more than the statement's rows on a page of a
   * hundred parents, and `get` never needs them for keys that settle first.
   * Keys already settled, or being read, are not read again. A read that
   * fails leaves its keys to `get`, which loads (and fails) on its own.
   */
  async readAhead(keys: readonly string[]): Promise<void> {
    const unread = new Set<string>();
    const awaited = new Set<Promise<void>>();
    for (const key of keys) {
      if (this.settled.has(key)) continue;
      const reading = this.reading.get(key);
      if (reading) awaited.add(reading);
      else unread.add(key);
    }
    if (unread.size > 0) {
      const batchKeys = [...unread];
      const read = this.batch(batchKeys)
        .then((values) => batchKeys.forEach((key, index) => this.settled.set(key, values[index]!)))
        .finally(() => batchKeys.forEach((key) => this.reading.delete(key)));
      for (const key of batchKeys) this.reading.set(key, read);
      awaited.add(read);
    }
    await Promise.all(awaited).catch(() => undefined);
  }
}
