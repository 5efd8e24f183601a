/**
 * The structure check of a listed feed file whose content the sync does not keep (availability.json:
 * the poller reads it again and checks its items). It is the largest file of a big feed (33 MB at
 * 100k services), so the sync worker hands it to a second worker (feed-file-check.worker.ts) and
 * parses the chunks meanwhile; where no worker starts it runs inline with the same verdict.
 */
import { checkKnownFile, decodeFeedJson, type StructureProblem } from './feed-structure.ts';

export type FileCheck = { ok: true } | { ok: false; unreadable: string } | { ok: false; problems: StructureProblem[] };

export interface FileCheckApi {
  check(name: string, bytes: Uint8Array): FileCheck;
}

export function checkListedFile(name: string, bytes: Uint8Array): FileCheck {
  const decoded = decodeFeedJson(bytes);
  if (!decoded.ok) return { ok: false, unreadable: decoded.reason };
  const problems = checkKnownFile(name, decoded.value);
  return problems.length ? { ok: false, problems } : { ok: true };
}

export function createFileCheckApi(): FileCheckApi {
  return { check: checkListedFile };
}
