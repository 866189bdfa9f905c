/** cluster-key-slot (a devDependency) ships no types: the one function the tests use. */
declare module 'cluster-key-slot' {
  /** The Redis Cluster hash slot (0 to 16383) of a key, honouring a `{...}` hash tag as Redis does. */
  function calculateSlot(key: string | Buffer): number;
  export = calculateSlot;
}
