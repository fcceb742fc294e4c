import { Option, type Command } from 'commander';
import { LiteralOption } from './literal-option.js';

/** Collects a repeatable option's values. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function commaList(value: string): string[] {
  return value.split(',');
}

/** `--tag` / `--no-tag` of a create command (mutually exclusive, like osc). */
export function addCreateTagOptions(cmd: Command, resource: string): Command {
  return cmd
    .addOption(
      new Option(
        '--tag <tag>',
        `Tag to be added to the ${resource} (repeat option to set multiple tags)`,
      ).argParser(collect),
    )
    .addOption(new LiteralOption('--no-tag', `No tags associated with the ${resource}`).conflicts('tag'));
}

/** `--tag` / `--no-tag` of a set command (both together: replace the tags). */
export function addSetTagOptions(cmd: Command, resource: string): Command {
  return cmd
    .addOption(
      new Option(
        '--tag <tag>',
        `Tag to be added to the ${resource} (repeat option to set multiple tags)`,
      ).argParser(collect),
    )
    .addOption(
      new LiteralOption(
        '--no-tag',
        `Clear tags associated with the ${resource}. Specify both --tag and --no-tag to overwrite current tags`,
      ),
    );
}

/** `--tag` / `--all-tag` of an unset command. */
export function addUnsetTagOptions(cmd: Command, resource: string): Command {
  return cmd
    .addOption(
      new Option(
        '--tag <tag>',
        `Tag to be removed from the ${resource} (repeat option to remove multiple tags)`,
      ).argParser(collect),
    )
    .addOption(new Option('--all-tag', `Clear all tags associated with the ${resource}`).conflicts('tag'));
}

/** `--tags`, `--any-tags`, `--not-tags`, `--not-any-tags` of a list command. */
export function addTagFilterOptions(cmd: Command, resources: string): Command {
  const filters: [string, string][] = [
    ['--tags', `List ${resources} which have all given tag(s) (Comma-separated list of tags)`],
    ['--any-tags', `List ${resources} which have any given tag(s) (Comma-separated list of tags)`],
    ['--not-tags', `Exclude ${resources} which have all given tag(s) (Comma-separated list of tags)`],
    ['--not-any-tags', `Exclude ${resources} which have any given tag(s) (Comma-separated list of tags)`],
  ];
  for (const [flag, help] of filters) {
    cmd.addOption(new Option(`${flag} <tag>[,<tag>,...]`, help).argParser(commaList));
  }
  return cmd;
}

/** The list query of the tag filters: repeated `tags`, `tags-any`, `not-tags`, `not-tags-any`. */
export function tagFilterQuery(flags: Record<string, unknown>): [string, string][] {
  const names: [string, string][] = [
    ['tags', 'tags'],
    ['anyTags', 'tags-any'],
    ['notTags', 'not-tags'],
    ['notAnyTags', 'not-tags-any'],
  ];
  const query: [string, string][] = [];
  for (const [flag, param] of names) {
    for (const tag of (flags[flag] as string[] | undefined) ?? []) query.push([param, tag]);
  }
  return query;
}

/** The `tags` of a create body: the given tags, `[]` for --no-tag, nothing otherwise. */
export function createTags(flags: Record<string, unknown>): { tags?: string[] } {
  if (flags['noTag'] === true) return { tags: [] };
  const tags = flags['tag'] as string[] | undefined;
  return tags ? { tags } : {};
}

/**
 * The `tags` of a set body (osc `set_tags_for_set`): the union with the current tags, or only the given
 * ones after --no-tag; `current` is read only when needed.
 */
export async function setTags(
  flags: Record<string, unknown>,
  current: () => Promise<readonly string[]>,
): Promise<{ tags?: string[] }> {
  const given = flags['tag'] as string[] | undefined;
  const clear = flags['noTag'] === true;
  if (given && given.length > 0) {
    const base = clear ? [] : await current();
    return { tags: [...new Set([...base, ...given])] };
  }
  return clear ? { tags: [] } : {};
}

/** The `tags` of an unset body (osc `set_tags_for_unset`): `[]` for --all-tag, else current minus given. */
export async function unsetTags(
  flags: Record<string, unknown>,
  current: () => Promise<readonly string[]>,
): Promise<{ tags?: string[] }> {
  if (flags['allTag'] === true) return { tags: [] };
  const given = flags['tag'] as string[] | undefined;
  if (!given || given.length === 0) return {};
  const drop = new Set(given);
  return { tags: (await current()).filter((t) => !drop.has(t)) };
}
