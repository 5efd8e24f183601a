/**
 * The app's embedded rules, offices and programmes written as owned feed files (issue 22): what the bureau
 * would publish if it sent today's facts. Used for the templates in docs/examples/publish/ and by the tests,
 * which prove the published schemas fit the data the app already carries. Quality tags become citation
 * status (gov → official, anything else → secondary); lastChecked becomes checked.
 */
import parametersFile from '../../src/features/enrolment/rules/parameters.json';
import timelineFile from '../../src/features/enrolment/rules/timeline.json';
import documentsFile from '../../src/features/enrolment/rules/documents.json';
import officesFile from '../../src/features/enrolment/rules/education-offices.json';
import programmesFile from '../../data/programmes.json';
import type { CitationStatus, EnrolmentRulesFile, OfficesFile, PublishedProgrammesFile } from '../../src/data/published-files-schema.ts';

type Publisher = { zh: string; en: string; zhHant?: string };
interface EmbeddedSource {
  document: string;
  url: string;
  quality: string;
  lastChecked?: string;
}
interface EmbeddedValue extends EmbeddedSource {
  validFrom: number | null;
  validTo: number | null;
  value: unknown;
  note?: string;
}

export const statusOf = (quality: string): CitationStatus => (quality === 'gov' ? 'official' : 'secondary');
const citation = (s: EmbeddedSource, checked: string) => ({
  document: s.document,
  url: s.url,
  status: statusOf(s.quality),
  checked: s.lastChecked ?? checked,
});

const inForce = (v: EmbeddedValue, year: number) =>
  (v.validFrom === null || v.validFrom <= year) && (v.validTo === null || year <= v.validTo);

/** The embedded rules in force for one admission year, as `enrolment-<year>.json`. */
export function embeddedEnrolmentFile(year: number, publisher: Publisher, published: string): EnrolmentRulesFile {
  const parameters: Record<string, unknown> = {};
  for (const [id, p] of Object.entries(parametersFile.parameters as Record<string, { values: EmbeddedValue[] }>)) {
    const v = [...p.values].reverse().find((x) => inForce(x, year));
    if (!v) continue;
    parameters[id] = { value: v.value, ...citation(v, v.lastChecked ?? published), ...(v.note ? { note: v.note } : {}) };
  }
  const steps = ((timelineFile.years as Record<string, (EmbeddedSourceStep & { unverified?: boolean })[]>)[String(year)] ?? []).map(
    (s) => ({
      id: s.id,
      ...(s.from ? { from: s.from } : {}),
      ...(s.to ? { to: s.to } : {}),
      text: s.text,
      source: citation(s.source, published),
    }),
  );
  const documents = documentsFile.items.map((d) => ({
    id: d.id,
    text: d.text,
    appliesTo: d.appliesTo,
    source: citation(d.source, published),
  }));
  return {
    publisher,
    published,
    schoolYear: year,
    parameters: parameters as EnrolmentRulesFile['parameters'],
    ...(steps.length ? { timeline: steps as EnrolmentRulesFile['timeline'] } : {}),
    documents,
  };
}
interface EmbeddedSourceStep {
  id: string;
  from?: string;
  to?: string;
  text: { zh: string; en: string; zhHant?: string };
  source: EmbeddedSource;
}

interface EmbeddedOffice {
  name?: Publisher;
  phone?: string;
  phoneLabel?: string;
  address?: Publisher;
  url?: string;
  source: EmbeddedSource;
}

/** The embedded education offices as `offices.json`. */
export function embeddedOfficesFile(publisher: Publisher, published: string): OfficesFile {
  const offices: OfficesFile['offices'] = {};
  for (const [town, o] of Object.entries(officesFile.offices as Record<string, EmbeddedOffice>)) {
    offices[town] = {
      ...(o.name ? { name: o.name } : {}),
      ...(o.address ? { address: o.address } : {}),
      ...(o.phone ? { phone: o.phone } : {}),
      ...(o.phoneLabel ? { phoneLabel: o.phoneLabel } : {}),
      ...(o.url ? { url: o.url } : {}),
      source: citation(o.source, officesFile.lastChecked),
    };
  }
  return { publisher, published, cityHotline: officesFile.cityHotline, offices };
}

/** The embedded programme list as a published `programmes.json`. */
export function embeddedProgrammesFile(publisher: Publisher, published: string): PublishedProgrammesFile {
  return { publisher, published, ...(programmesFile as unknown as Omit<PublishedProgrammesFile, 'publisher' | 'published'>) };
}
