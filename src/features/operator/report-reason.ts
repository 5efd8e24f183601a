/**
 * The import core (src/import) reports its reasons in English, the same words `data:import` prints and the parity
 * harness compares: the operator page shows them in the reader's language instead. Each known wording maps to a
 * key of operator.json (`reason.*`, with the varying parts as values); a wording this table does not know yet is
 * shown as the core wrote it, so nothing is lost when the core learns a new reason.
 */
import { TOWNS, townName } from '../../geo/towns';
import type { Language } from '../../i18n/languages';

/** [the core's wording, key]; a RegExp's named groups become the key's values (a `why` group is itself translated). */
export const REASONS: readonly (readonly [string | RegExp, string])[] = [
  // skipped rows
  ['outside Dongguan', 'outsideDongguan'],
  ['latitude and longitude look swapped (lat near 113, lon near 23)', 'swapped'],
  ['no coordinates and no town', 'noCoordinatesNoTown'],
  ['no coordinates and the town has no representative point', 'noRepresentativePoint'],
  ['no category (unmapped terms; see category-terms.json or use --category)', 'noCategory'],
  ['no name', 'noName'],
  ['no usable id', 'noUsableId'],
  [/^invalid record \((?<path>.*)\)$/, 'invalidRecord'],
  [/^could not be read \((?<detail>.*)\)$/, 'couldNotRead'],
  ['duplicate id', 'duplicateId'],
  ['no location', 'noLocation'],
  [/^status (?<status>.+)$/, 'status'],
  ['not a service or service_at_location', 'notAService'],
  [/^nested deeper than (?<levels>\d+) levels$/, 'nestedTooDeep'],
  ['not an OSM element', 'notOsmElement'],
  ['no matching tags', 'noMatchingTags'],
  ['no coordinates (use "out center")', 'noCoordinatesOutCenter'],
  // changed fields of imported rows
  ['not a Dongguan town name or code, ignored', 'townUnknown'],
  ['coordinates not numbers, ignored', 'coordinatesNotNumbers'],
  [/^point is in (?<town>.+), not the stated town \(kept where the point is\)$/, 'pointInOtherTown'],
  [/^converted from (?<crs>\w+) to wgs84$/, 'converted'],
  ['point outside every town polygon, kept under the stated town', 'outsideTownPolygons'],
  ['point outside Dongguan, ignored', 'pointOutsideDongguan'],
  ['latitude and longitude look swapped (lat near 113, lon near 23), ignored', 'swappedIgnored'],
  ['coordinates out of range, ignored', 'outOfRange'],
  ['approximate (town representative point)', 'approximate'],
  ['missing, generic name used', 'genericName'],
  ['missing, pinyin used', 'pinyinUsed'],
  ['missing, English name used', 'englishUsed'],
  ['cut to 200 characters', 'cut200'],
  ['characters replaced', 'idReplaced'],
  [/^not a phone number, dropped \("(?<text>.*)"\)$/, 'notPhone'],
  ['extension kept', 'extensionKept'],
  ['several numbers kept', 'severalNumbers'],
  ['normalised', 'normalised'],
  [/^dropped: (?<why>.+)$/, 'dropped'],
  ['empty', 'urlEmpty'],
  ['not a URL', 'notUrl'],
  ['tel: link without a number', 'telWithoutNumber'],
  ['no scheme and not a host name', 'notHostName'],
  ['scheme not http(s)', 'schemeNotHttp'],
  ['not a valid URI', 'notValidUri'],
  ['credentials in URL', 'urlCredentials'],
  ['longer than 2048 characters', 'urlTooLong'],
  ['unparsable, kept as written', 'hoursUnparsable'],
  ['schedule limited to certain weeks or dates, description kept as written', 'hoursDatesKept'],
  ['schedule limited to certain weeks or dates', 'hoursDates'],
  [/^time not understood \((?<text>.*)\)$/, 'hoursTime'],
  ['opens and closes at the same time', 'hoursSame'],
  [/^day not understood \((?<text>.*)\)$/, 'hoursDay'],
  ['not opening_hours syntax, kept as written', 'hoursNotSyntax'],
  ['kept as written', 'keptAsWritten'],
  ['not a whole number 0–100000, dropped', 'capacityNotWhole'],
  ['absurd age range, dropped', 'ageAbsurd'],
  ['cut to 2000 characters', 'cut2000'],
  ['not a usable date, import date used', 'dateUnusable'],
  [/^invalid, dropped \((?<detail>.*)\)$/, 'invalidDropped'],
  [/^no single-count model for (?<category>.+), left out$/, 'noCountModel'],
  ['counts not whole numbers 0–100000, left out', 'countsNotWhole'],
  ['available is more than maximum, left out', 'availableOverMax'],
  ['updated is not a date-time, left out', 'updatedNotDate'],
];

/** The page's `t` (operator namespace first). */
type Translate = (key: string, values: Record<string, string>) => string;

const TOWN_BY_ZH = new Map(TOWNS.map((town) => [town.zh, town.code]));

const CRS_NAMES: Record<string, string> = { wgs84: 'WGS-84', gcj02: 'GCJ-02', bd09: 'BD-09' };

/** The operator.json key and values for one of the core's reasons, or null when the table does not know it. */
export function reasonKey(reason: string): { key: string; values: Record<string, string> } | null {
  for (const [wording, key] of REASONS) {
    if (typeof wording === 'string') {
      if (wording === reason) return { key, values: {} };
      continue;
    }
    const m = wording.exec(reason);
    if (m) return { key, values: { ...m.groups } };
  }
  return null;
}

/** A skip reason (or a field change's reason) in the reader's language; the core's wording when unknown. */
export function reasonText(reason: string, t: Translate, lang: Language): string {
  const known = reasonKey(reason);
  if (!known) return reason;
  const values = { ...known.values };
  if (values.why !== undefined) values.why = reasonText(values.why, t, lang);
  if (values.crs !== undefined) values.crs = CRS_NAMES[values.crs] ?? values.crs;
  // The core names a town by its Chinese name (as data:import prints it).
  const townCode = values.town === undefined ? undefined : TOWN_BY_ZH.get(values.town);
  if (townCode) values.town = townName(townCode, lang);
  return t(`reason.${known.key}`, values);
}

/** A changed-field row of the report ("phone: extension kept") with the field named in the reader's language. */
export function changeText(fieldAndReason: string, t: Translate, lang: Language): string {
  const at = fieldAndReason.indexOf(': ');
  if (at < 0) return reasonText(fieldAndReason, t, lang);
  const field = fieldAndReason.slice(0, at);
  return t('reason.change', {
    field: t(`reportField.${field}`, { defaultValue: field }),
    reason: reasonText(fieldAndReason.slice(at + 2), t, lang),
  });
}
