import type { ProcessRunner, RunResult } from '../system/process-runner.js';
import type { NetStep } from './netns-steps.js';

/** Runs the plumbers' `ip` / `nft` / `sysctl` / `arping` commands (argv arrays only) with a timeout. */
export class NetCommandRunner {
  constructor(
    private readonly runner: ProcessRunner,
    private readonly warn: ((message: string) => void) | undefined,
    private readonly timeoutMs = 10_000,
  ) {}

  /** Runs a read-only command and returns its result whatever the exit status. */
  async output(argv: readonly string[]): Promise<RunResult> {
    return await this.runner.run(argv, { timeoutMs: this.timeoutMs });
  }

  /** Runs a read-only command that must succeed and returns its stdout. */
  async read(argv: readonly string[]): Promise<string> {
    const result = await this.output(argv);
    if (result.code !== 0) throw new Error(`${argv.join(' ')} failed: ${describe(result)}`);
    return result.stdout;
  }

  /** Runs the steps in order; stops at the first failure that is not tolerated. */
  async runAll(steps: readonly NetStep[]): Promise<void> {
    for (const step of steps) await this.run(step);
  }

  /** Runs one step: throws on failure unless tolerated; background steps are started and not awaited. */
  async run(step: NetStep): Promise<void> {
    const options =
      step.input === undefined
        ? { timeoutMs: this.timeoutMs }
        : { timeoutMs: this.timeoutMs, input: step.input };
    if (step.background === true) {
      void this.runner.run(step.argv, options).then(
        (result) => {
          if (result.code !== 0) this.warn?.(`${step.argv.join(' ')} failed: ${describe(result)}`);
        },
        (error: unknown) => this.warn?.(`${step.argv.join(' ')} failed: ${String(error)}`),
      );
      return;
    }
    const result = await this.runner.run(step.argv, options);
    if (result.code === 0 || step.tolerateFailure === true) return;
    throw new Error(`${step.argv.join(' ')} failed: ${describe(result)}`);
  }
}

function describe(result: RunResult): string {
  if (result.timedOut) return 'timed out';
  const text = `${result.stderr}\n${result.stdout}`.trim();
  const exit = result.code === null ? `signal ${result.signal ?? '?'}` : `exit ${result.code}`;
  return text === '' ? exit : `${text} (${exit})`;
}
