/** A Map or a WeakMap: what `cachedIn` needs of either. */
interface Cache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
}

/** The value `cache` holds for `key`, made by `make` and kept there the first time it is asked for. */
export function cachedIn<K, V>(cache: Cache<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}
