/**
 * Feed records → HSDS 3.1 `service` objects (full form, each with its service_at_location and
 * location), plus the `x_dgnearby` profile extension so a re-import is lossless.
 */
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { AvailabilityItem, ServiceRecord } from '../../src/data/feed-schema.ts';
import { CATEGORY_TAXONOMY_ID, DAY_CODES, type DgNearbyExtension } from '../../src/import/hsds-profile.ts';
import { facilityAttributes, stableUuid } from './hsds-profile.ts';

type Obj = Record<string, unknown>;
const isUri = fullFormats.uri as (s: string) => boolean;

/** Weekly hours → HSDS schedules: one WEEKLY schedule per distinct span, days grouped in byday. */
export function hoursToSchedules(hours: NonNullable<ServiceRecord['hours']>, key: string): Obj[] {
  const byspan = new Map<string, string[]>();
  hours.weekly.forEach((day, i) => {
    for (const span of day ? day.split(',') : []) {
      const list = byspan.get(span) ?? [];
      list.push(DAY_CODES[i]!);
      byspan.set(span, list);
    }
  });
  return [...byspan.entries()].map(([span, days]) => {
    const [opens, closes] = span.split('-') as [string, string];
    return {
      id: stableUuid(`${key}/schedule/${span}`),
      freq: 'WEEKLY',
      byday: days.join(','),
      opens_at: `${opens}:00+08:00`,
      closes_at: `${closes === '24:00' ? '00:00' : closes}:00+08:00`,
      timezone: 8,
      ...(closes <= opens ? { notes: closes === '24:00' && opens === '00:00' ? 'Open all day' : 'Closes after midnight' } : {}),
      ...(hours.osm ? { description: `OSM opening_hours: ${hours.osm}` } : {}),
    };
  });
}

function capacityOf(rec: ServiceRecord, a: AvailabilityItem | undefined): Obj[] {
  const f = a?.figures;
  const unit = (name: string) => ({ id: stableUuid(`unit/${name}`), name });
  const cap = (unitName: string, available: number, maximum: number, what: string) => ({
    id: stableUuid(`${rec.id}/capacity/${what}`),
    unit: unit(unitName),
    available,
    maximum,
    updated: new Date(a!.observedAt).toISOString(),
    description: what,
  });
  if (!f) return [];
  switch (f.kind) {
    case 'kindergarten':
      return Object.entries(f.classes).flatMap(([k, c]) => (c ? [cap('Place', c.free, c.total, `class ${k}`)] : []));
    case 'nursery':
      return f.bands.map((b) => cap('Place', b.free, b.total, `age ${b.fromMonths}-${b.toMonths} months`));
    case 'elderly_daycare':
      return [cap('Place', f.places.free, f.places.total, 'places')];
    case 'parking':
      return [cap('Parking space', f.free, f.total, 'spaces')];
    case 'clinic':
      return [cap('Appointment', f.appointmentsFree, f.appointmentsTotal, 'appointments today')];
    case 'sports_venue':
      return []; // slot-level data is OpenActive territory, not HSDS
  }
}

export function recordToHsdsService(rec: ServiceRecord, a?: AvailabilityItem): Obj {
  const serviceId = stableUuid(`${rec.id}/service`);
  const locationId = stableUuid(`${rec.id}/location`);
  const schedules = rec.hours ? hoursToSchedules(rec.hours, rec.id) : [];
  const ext: DgNearbyExtension = {
    id: rec.id,
    category: rec.category,
    town: rec.town,
    name: rec.name,
    ...(rec.phone ? { phone: rec.phone } : {}),
    ...(rec.phones ? { phones: rec.phones } : {}),
    ...(rec.address ? { address: rec.address } : {}),
    ...(rec.location ? { location: rec.location } : {}),
    ...(rec.hoursAsWritten ? { hoursAsWritten: rec.hoursAsWritten } : {}),
    ...(rec.url ? { url: rec.url } : {}),
    ...(rec.capacity !== undefined ? { capacity: rec.capacity } : {}),
    ...(rec.fee ? { fee: rec.fee } : {}),
    ...(rec.features ? { features: rec.features } : {}),
    ...(rec.ageMonths ? { ageMonths: rec.ageMonths } : {}),
    ...(rec.hours ? { hours: rec.hours } : {}),
    source: rec.source,
    ...(rec.beds !== undefined ? { beds: rec.beds } : {}),
    ...(rec.doctors !== undefined ? { doctors: rec.doctors } : {}),
    ...(rec.groundAreaM2 !== undefined ? { groundAreaM2: rec.groundAreaM2 } : {}),
    ...(rec.floorAreaM2 !== undefined ? { floorAreaM2: rec.floorAreaM2 } : {}),
  };
  const capacities = capacityOf(rec, a);
  return {
    id: serviceId,
    name: rec.name.zh,
    alternate_name: rec.name.en,
    ...(rec.description ? { description: rec.description.zh } : {}),
    // tel: links are not HSDS URLs; they go to phones instead.
    // Only a URL the official schema accepts as a `uri` (the importers normalise; older feeds may not be).
    ...(rec.url && /^https?:/i.test(rec.url) && isUri(rec.url) ? { url: rec.url } : {}),
    status: 'active',
    ...(rec.fee ? { fees_description: { free: 'Free', low: 'Low cost', paid: 'Paid' }[rec.fee] } : {}),
    ...(rec.ageMonths ? { minimum_age: rec.ageMonths[0] / 12, maximum_age: rec.ageMonths[1] / 12 } : {}),
    last_modified: new Date(rec.source.updated).toISOString(),
    phones: [
      ...(rec.phones ?? (rec.phone ? [{ number: rec.phone }] : [])),
      ...(rec.url?.startsWith('tel:') ? [{ number: rec.url.slice(4) }] : []),
    ]
      .filter((p, i, all) => all.findIndex((q) => q.number === p.number && q.ext === p.ext) === i)
      .map((p) => ({
        id: stableUuid(`${rec.id}/phone/${p.number}/${p.ext ?? ''}`),
        number: p.number,
        ...(p.ext ? { extension: Number(p.ext) } : {}),
      })),
    schedules,
    capacities,
    attributes: [
      {
        id: stableUuid(`${rec.id}/category`),
        link_type: 'service_category',
        link_entity: 'service',
        taxonomy_term_id: stableUuid(`category/${rec.category}`),
        value: rec.category,
        taxonomy_term: {
          id: stableUuid(`category/${rec.category}`),
          code: rec.category,
          name: rec.category,
          description: `DG Nearby category ${rec.category}`,
          taxonomy_id: CATEGORY_TAXONOMY_ID,
        },
      },
      ...facilityAttributes(rec),
    ],
    service_at_locations: [
      {
        id: stableUuid(`${rec.id}/service_at_location`),
        service_id: serviceId,
        location_id: locationId,
        schedules,
        location: {
          id: locationId,
          location_type: 'physical',
          name: rec.name.zh,
          alternate_name: rec.name.en,
          ...(rec.address
            ? {
                description: `${rec.location === 'approximate' ? 'Approximate location (town centre); address: ' : 'Address: '}${rec.address.zh}`,
              }
            : {}),
          latitude: rec.lat,
          longitude: rec.lon,
          external_identifier: rec.town,
          external_identifier_type: 'CN statistical division code (town)',
        },
      },
    ],
    x_dgnearby: ext,
  };
}

/** An HSDS API-style page of full services (GET /services?full=true). */
export function exportHsds(records: ServiceRecord[], availability: AvailabilityItem[]): Obj {
  const byId = new Map(availability.map((a) => [a.serviceId, a]));
  const contents = records.map((r) => recordToHsdsService(r, byId.get(r.id)));
  return {
    total_items: contents.length,
    total_pages: 1,
    page_number: 1,
    size: contents.length,
    first_page: true,
    last_page: true,
    empty: contents.length === 0,
    contents,
  };
}
