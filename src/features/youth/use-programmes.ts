/**
 * The programme list the youth pages show: the feed's programmes.json when its publisher (the youth affairs
 * office) published it after the embedded list was checked (issue 22), else the embedded list, which stays the
 * offline fallback. Records are checked again one by one, so one the app cannot read is skipped, not shown.
 */
import { useMemo } from 'react';
import type { PublishedProgrammesFile } from '../../data/published-files-schema.ts';
import type { Programme } from '../../data/programme-schema.ts';
import { useOwnedFiles } from '../../data/use-owned-files.ts';
import { EMBEDDED_PROGRAMMES_DATE, PROGRAMMES, loadProgrammes } from './programme-catalogue.ts';

export interface ProgrammeList {
  programmes: readonly Programme[];
  /** Who published the list shown, or null for the embedded copy, and when. */
  publisher: PublishedProgrammesFile['publisher'] | null;
  date: string;
  /** False while the store is still being read. */
  ready?: boolean;
}

const EMBEDDED: ProgrammeList = { programmes: PROGRAMMES, publisher: null, date: EMBEDDED_PROGRAMMES_DATE };

/** The feed's list when it is newer than the embedded one and holds a programme the app can read. */
export function chooseProgrammes(file: PublishedProgrammesFile | undefined): ProgrammeList {
  if (!file || file.published <= EMBEDDED_PROGRAMMES_DATE) return EMBEDDED;
  const { programmes } = loadProgrammes(file);
  return programmes.length ? { programmes, publisher: file.publisher, date: file.published } : EMBEDDED;
}

export function useProgrammes(): ProgrammeList {
  const rows = useOwnedFiles('programmes');
  return useMemo(
    () => ({ ...chooseProgrammes(rows?.[0]?.data as PublishedProgrammesFile | undefined), ready: rows !== undefined }),
    [rows],
  );
}
