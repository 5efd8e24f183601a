/**
 * The bundled programme list (data/programmes.json), validated record by record so one bad record
 * is skipped instead of breaking the page. Bundled in the lazy youth chunk, so it works offline.
 */
import * as v from 'valibot';
import raw from '../../../data/programmes.json';
import { programmeSchema, type Programme } from '../../data/programme-schema.ts';

export function loadProgrammes(input: unknown): { programmes: Programme[]; skipped: number } {
  const list = (input as { programmes?: unknown })?.programmes;
  const records = Array.isArray(list) ? list : [];
  const programmes: Programme[] = [];
  for (const record of records) {
    const parsed = v.safeParse(programmeSchema, record);
    if (parsed.success) programmes.push(parsed.output);
  }
  return { programmes, skipped: records.length - programmes.length };
}

export const CATALOGUE = loadProgrammes(raw);
export const PROGRAMMES: readonly Programme[] = CATALOGUE.programmes;

/** The day the embedded list was last checked against its sources: "应用内置资料，整理于 …". */
export const EMBEDDED_PROGRAMMES_DATE = PROGRAMMES.map((p) => p.lastChecked).reduce((a, b) => (a > b ? a : b), '0000-00-00');
