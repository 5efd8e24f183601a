/** Tiny argv parser for the data CLIs: positionals plus `--name value` / `--flag` options. */
export class UsageError extends Error {}

export function parseArgs(argv: string[], valueOptions: readonly string[], flagOptions: readonly string[] = []) {
  const positionals: string[] = [];
  const options: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (flagOptions.includes(name)) flags.add(name);
      else if (valueOptions.includes(name)) {
        const value = inline ?? argv[++i];
        if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
        options[name] = value;
      } else throw new UsageError(`unknown option ${arg}`);
    } else positionals.push(arg);
  }
  return { positionals, options, flags };
}
