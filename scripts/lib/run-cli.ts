/**
 * The one top-level handler every CLI runs under: whatever goes wrong, the user gets one line on stderr
 * (`<name>: <message>`) and exit 2, never a stack trace — unless they pass `--debug`, which adds the trace.
 * `main` returns the exit code for the outcomes it knows (0 done, 1 problems found).
 */
import { oneLine } from '../../src/lib/one-line.ts';

export { oneLine };

export async function runCli(name: string, main: (argv: string[]) => Promise<number> | number): Promise<void> {
  const argv = process.argv.slice(2);
  const debug = argv.includes('--debug');
  try {
    process.exitCode = await main(argv.filter((arg) => arg !== '--debug'));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`${name}: ${oneLine(message || 'failed')}\n`);
    if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    process.exitCode = 2;
  }
}
