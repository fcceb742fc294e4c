/**
 * An error the CLI reports as one line on stderr (never a stack trace) before exiting with `exitCode`:
 * a server fault (its faultstring), bad input caught client-side, a failed or timed-out `--wait`.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
