/**
 * The names of the owned feed files (issue 22), apart from their schemas: the database upgrade and the
 * first screen need the names only, not valibot.
 */
export const OFFICES_FILE = 'offices.json';
export const ENROLMENT_FILE_PATTERN = /^enrolment-(20\d\d)\.json$/;
export const enrolmentFileName = (year: number): string => `enrolment-${year}.json`;

export type OwnedFileKind = 'enrolment' | 'offices' | 'programmes';

/** Names an owned file can have (programmes.json is one only when it names a publisher). */
export const mayBeOwnedFile = (file: string): boolean => file === OFFICES_FILE || file === 'programmes.json' || ENROLMENT_FILE_PATTERN.test(file);
