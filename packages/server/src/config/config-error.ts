/** Thrown for unusable settings; the CLI prints the message and exits non-zero. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}
