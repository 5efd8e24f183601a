/**
 * JSON files named on the command line (an audit case, a profile, a recipe). Every problem is a
 * CliInputError with one line of text; the CLI's top-level handler (run-cli.ts) prints it and exits 2.
 * Same reading rules as the feed: strict UTF-8, a byte-order mark allowed (Excel and Notepad write one),
 * bounded size and depth.
 */
import { readFileSync, statSync } from 'node:fs';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from '../../src/data/feed-structure.ts';

/** Audit inputs are a few KB; anything this big is the wrong file. */
export const MAX_JSON_ARGUMENT_BYTES = 5 * 1024 * 1024;

/** Input the user can fix: its message is the whole story, no stack trace needed. */
export class CliInputError extends Error {}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

export function readJsonFile(file: string): unknown {
  let bytes: Uint8Array;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new CliInputError(`cannot read ${file}: not a file`);
    if (stat.size > MAX_JSON_ARGUMENT_BYTES)
      throw new CliInputError(`cannot read ${file}: larger than ${MAX_JSON_ARGUMENT_BYTES / 1024 / 1024} MB`);
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof CliInputError) throw e;
    throw new CliInputError(`cannot read ${file} (${firstLine(e)})`);
  }
  let text: string;
  try {
    // fatal: bytes that are not UTF-8 are an error, not U+FFFD; the decoder drops a leading BOM
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliInputError(`cannot read ${file} as JSON (not valid UTF-8)`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new CliInputError(`cannot read ${file} as JSON (${firstLine(e)})`);
  }
  if (jsonDepthExceeds(value, MAX_JSON_DEPTH))
    throw new CliInputError(`cannot read ${file} as JSON (nested deeper than ${MAX_JSON_DEPTH} levels)`);
  return value;
}

/** The one JSON file an audit CLI takes: `<name> <file.json>`. */
export function readJsonArgument(argv: readonly string[], usage: string): unknown {
  const args = argv.filter((a) => a !== '--');
  if (args.length !== 1 || args[0]!.startsWith('--')) throw new CliInputError(usage);
  return readJsonFile(args[0]!);
}
