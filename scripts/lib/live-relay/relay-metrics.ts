/**
 * The relay's counters and their Prometheus text form (exposition format 0.0.4): a handful of
 * counters and gauges need no client library. Label values are owner ids and fixed reason names,
 * escaped anyway.
 */
import type { OwnerFault } from './owner-fetch.ts';

export type OwnerCounters = {
  polls: number;
  notModified: number;
  failures: Partial<Record<OwnerFault, number>>;
  accepted: number;
  rejected: Record<string, number>;
  /** ms since the epoch of the last good answer (a 304 counts), null before the first. */
  lastSuccessMs: number | null;
  consecutiveFailures: number;
};

export type RelayCounters = {
  owners: Map<string, OwnerCounters>;
  writes: number;
  writeFailures: number;
  lastWriteMs: number | null;
  lastWriteSeconds: number;
  outputItems: number;
  outputBytes: number;
};

export const newOwnerCounters = (): OwnerCounters => ({
  polls: 0,
  notModified: 0,
  failures: {},
  accepted: 0,
  rejected: {},
  lastSuccessMs: null,
  consecutiveFailures: 0,
});

const label = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function renderMetrics(c: RelayCounters, nowMs: number): string {
  const out: string[] = [];
  const family = (name: string, type: 'counter' | 'gauge', help: string, samples: Array<[Record<string, string>, number]>) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) {
      const text = Object.entries(labels)
        .map(([k, v]) => `${k}="${label(v)}"`)
        .join(',');
      out.push(`${name}${text ? `{${text}}` : ''} ${Number.isFinite(value) ? value : value > 0 ? '+Inf' : 'NaN'}`);
    }
  };
  const owners = [...c.owners.entries()];
  family(
    'live_relay_owner_polls_total',
    'counter',
    'Polls of each owner (answered or not).',
    owners.map(([o, s]) => [{ owner: o }, s.polls]),
  );
  family(
    'live_relay_owner_not_modified_total',
    'counter',
    'Polls the owner answered with 304 Not Modified (or an unchanged file).',
    owners.map(([o, s]) => [{ owner: o }, s.notModified]),
  );
  family(
    'live_relay_owner_failures_total',
    'counter',
    'Failed polls by kind: timeout, network, http5xx, httpOther, tooLarge, truncated, html, malformedJson, malformedCsv, shape.',
    owners.flatMap(([o, s]) => Object.entries(s.failures).map(([kind, n]) => [{ owner: o, kind }, n] as [Record<string, string>, number])),
  );
  family(
    'live_relay_owner_items_accepted_total',
    'counter',
    'Items that passed the mapping and the app’s item check.',
    owners.map(([o, s]) => [{ owner: o }, s.accepted]),
  );
  family(
    'live_relay_owner_items_rejected_total',
    'counter',
    'Items never written, by reason.',
    owners.flatMap(([o, s]) =>
      Object.entries(s.rejected).map(([reason, n]) => [{ owner: o, reason }, n] as [Record<string, string>, number]),
    ),
  );
  family(
    'live_relay_owner_seconds_since_success',
    'gauge',
    'Seconds since the owner last answered well (+Inf before its first good answer).',
    owners.map(([o, s]) => [{ owner: o }, s.lastSuccessMs === null ? Infinity : Math.max(0, (nowMs - s.lastSuccessMs) / 1000)]),
  );
  family(
    'live_relay_owner_consecutive_failures',
    'gauge',
    'Failed polls in a row (drives the backoff).',
    owners.map(([o, s]) => [{ owner: o }, s.consecutiveFailures]),
  );
  family('live_relay_writes_total', 'counter', 'Times the output file was replaced (only when a figure changed).', [[{}, c.writes]]);
  family('live_relay_write_failures_total', 'counter', 'Writes that failed (the previous file stays).', [[{}, c.writeFailures]]);
  family('live_relay_seconds_since_write', 'gauge', 'Seconds since the output was last written or confirmed current.', [
    [{}, c.lastWriteMs === null ? Infinity : Math.max(0, (nowMs - c.lastWriteMs) / 1000)],
  ]);
  family('live_relay_last_write_duration_seconds', 'gauge', 'Time the last write took (serialise, sign, temp file, rename).', [
    [{}, c.lastWriteSeconds],
  ]);
  family('live_relay_output_items', 'gauge', 'Items in the output file.', [[{}, c.outputItems]]);
  family('live_relay_output_bytes', 'gauge', 'Size of the output file.', [[{}, c.outputBytes]]);
  return out.join('\n') + '\n';
}
