/**
 * Enrolment check for audits: `npm run enrolment -- <case.json>` prints the result as JSON on stdout.
 * Exit 0 on success; exit 2 with one line on stderr for an unreadable or invalid case.
 */
import { readFileSync } from 'node:fs';
import { parseCase, problemLine } from '../src/features/enrolment/enrolment-case.ts';
import { evaluate } from '../src/features/enrolment/enrolment-rules.ts';

function fail(line: string): never {
  process.stderr.write(line + '\n');
  process.exit(2);
}

const file = process.argv[2];
if (!file) fail('usage: npm run enrolment -- <case.json>');

let input: unknown;
try {
  input = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  fail(`invalid case: cannot read ${file} as JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
}

const parsed = parseCase(input);
if (!parsed.ok) {
  const [first] = parsed.problems;
  const more = parsed.problems.length > 1 ? ` (+${parsed.problems.length - 1} more)` : '';
  fail(first ? problemLine(first) + more : 'invalid case');
}
process.stdout.write(JSON.stringify(evaluate(parsed.value), null, 2) + '\n');
