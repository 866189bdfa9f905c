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
  private readonly loader: DataLoader<string, V>;

  constructor(batch: (keys: readonly string[]) => Promise<V[]>) {
    this.loader = new DataLoader<string, V>(async (keys) => {
      const values = await batch(keys);
      keys.forEach((key, index) => this.settled.set(key, values[index]!));
      return values;
    });
  }

  get(key: string): V | Promise<V> {
    return this.settled.has(key) ? (this.settled.get(key) as V) : this.loader.load(key);
  }

  /** Reads the keys in one batch, for `get` to find them settled. */
  async readAhead(keys: readonly string[]): Promise<void> {
    await this.loader.loadMany(keys);
  }
}
