/** A message on one line (no line breaks or tabs), cut to `max` characters: for CLI errors and report examples. */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
