/**
 * Enrolment check for audits: `npm run enrolment -- <case.json>` prints the result as JSON on stdout.
 * Exit 0 on success; exit 2 with one line on stderr for an unreadable or invalid case (run-cli.ts).
 */
import { CliInputError, readJsonArgument } from './lib/json-argument.ts';
import { runCli } from './lib/run-cli.ts';
import { parseCase, problemLine } from '../src/features/enrolment/enrolment-case.ts';
import { evaluate } from '../src/features/enrolment/enrolment-rules.ts';

await runCli('enrolment', (argv) => {
  const input = readJsonArgument(argv, 'usage: npm run enrolment -- <case.json>');
  const parsed = parseCase(input);
  if (!parsed.ok) {
    const [first] = parsed.problems;
    const more = parsed.problems.length > 1 ? ` (+${parsed.problems.length - 1} more)` : '';
    throw new CliInputError(first ? problemLine(first) + more : 'invalid case');
  }
  process.stdout.write(JSON.stringify(evaluate(parsed.value), null, 2) + '\n');
  return 0;
});
