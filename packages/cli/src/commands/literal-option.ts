import { Option } from 'commander';

/**
 * A boolean flag whose name starts with `no-` but is not commander's negation of another option
 * (`--no-tag` beside `--tag`: osc lets both be given, "clear, then add").
 */
export class LiteralOption extends Option {
  constructor(flags: string, description: string) {
    super(flags, description);
    this.negate = false;
  }

  override attributeName(): string {
    return this.name().replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  }
}
