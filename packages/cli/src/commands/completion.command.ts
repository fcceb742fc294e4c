import type { Command } from 'commander';

/** Every command path of the tree ('' = the root) with the words that may follow it. */
export function completionTable(program: Command): Map<string, string[]> {
  const table = new Map<string, string[]>();
  const walk = (cmd: Command, path: string): void => {
    const words = [
      ...cmd.commands.map((c) => c.name()),
      ...cmd.options.flatMap((o) => [o.long, o.short].filter((f): f is string => Boolean(f))),
      '--help',
    ];
    table.set(path, [...new Set(words)]);
    for (const sub of cmd.commands) walk(sub, path ? `${path} ${sub.name()}` : sub.name());
  };
  walk(program, '');
  return table;
}

/** The bash completion script (zsh loads it through bashcompinit). Words are command and option names only. */
export function completionScript(program: Command, shell: 'bash' | 'zsh'): string {
  const entries = [...completionTable(program)].map(([path, words]) => `  ["${path}"]="${words.join(' ')}"`);
  const lines = [
    `# ${shell} completion for lbaas: eval "$(lbaas completion ${shell})"`,
    ...(shell === 'zsh' ? ['autoload -U +X bashcompinit && bashcompinit'] : []),
    'declare -A _lbaas_words=(',
    ...entries,
    ')',
    '_lbaas() {',
    '  local cur="${COMP_WORDS[COMP_CWORD]}" path="" next i',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    next="${path:+$path }${COMP_WORDS[i]}"',
    '    [[ "${COMP_WORDS[i]}" != -* && -n "${_lbaas_words[$next]+x}" ]] && path="$next"',
    '  done',
    '  COMPREPLY=($(compgen -W "${_lbaas_words[$path]}" -- "$cur"))',
    '}',
    'complete -F _lbaas lbaas',
    '',
  ];
  return lines.join('\n');
}

/** `lbaas completion bash|zsh`: prints the shell completion script. */
export function addCompletionCommand(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script: eval "$(lbaas completion bash)" (or zsh)')
    .argument('<shell>', 'bash or zsh')
    .action((shell: string) => {
      if (shell !== 'bash' && shell !== 'zsh') {
        process.stderr.write(`lbaas completion: unknown shell '${shell}' (bash or zsh)\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write(completionScript(program, shell));
    });
}
