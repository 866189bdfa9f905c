/** A missing or malformed environment variable; the process prints its one line and stops. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
