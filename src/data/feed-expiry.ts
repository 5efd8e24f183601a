/**
 * A frozen feed (issue 23): a signed manifest past its `expires` stays usable, and every screen says the
 * data may be out of date. Tiny and free of crypto, so the shell's banner can use it.
 */

/** Whole days since `signedAt` once `expires` has passed; null while the manifest is current (or unsigned). */
export function expiredDays(manifest: { signedAt?: string; expires?: string }, now: Date): number | null {
  if (!manifest.expires || !manifest.signedAt) return null;
  const expires = Date.parse(manifest.expires);
  if (!Number.isFinite(expires) || now.getTime() <= expires) return null;
  return Math.max(0, Math.floor((now.getTime() - Date.parse(manifest.signedAt)) / 86_400_000));
}
