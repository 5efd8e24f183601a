/**
 * The audit CLIs (enrolment, programmes) take one JSON file as their argument. Any problem reading it ends the
 * process with exit code 2 and one line on stderr, as their contract says.
 */
import { readFileSync } from 'node:fs';

export function exitWithUsageError(line: string): never {
  process.stderr.write(line + '\n');
  process.exit(2);
}

/** Reads and parses the JSON file named by the first CLI argument; `what` names it in messages (e.g. "case"). */
export function readJsonArgument(usage: string, describeFailure: (reason: string) => string): unknown {
  const file = process.argv[2];
  if (!file) exitWithUsageError(usage);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    return exitWithUsageError(describeFailure(`cannot read ${file} as JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`));
  }
}
