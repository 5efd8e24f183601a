/**
 * Enrolment check for audits: `npm run enrolment -- <case.json>` prints the result as JSON on stdout.
 * Exit 0 on success; exit 2 with one line on stderr for an unreadable or invalid case.
 */
import { exitWithUsageError, readJsonArgument } from './lib/json-argument.ts';
import { parseCase, problemLine } from '../src/features/enrolment/enrolment-case.ts';
import { evaluate } from '../src/features/enrolment/enrolment-rules.ts';

function fail(line: string): never {
  return exitWithUsageError(line);
}
const input = readJsonArgument('usage: npm run enrolment -- <case.json>', (reason) => `invalid case: ${reason}`);

const parsed = parseCase(input);
if (!parsed.ok) {
  const [first] = parsed.problems;
  const more = parsed.problems.length > 1 ? ` (+${parsed.problems.length - 1} more)` : '';
  fail(first ? problemLine(first) + more : 'invalid case');
}
process.stdout.write(JSON.stringify(evaluate(parsed.value), null, 2) + '\n');
