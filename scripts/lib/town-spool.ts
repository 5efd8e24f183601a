/**
 * Imported records kept on disk, one JSON-lines file per town, so a 500,000-record import holds only
 * a few megabytes of buffered lines (plus one town's chunk while it is written) in memory.
 * Node-only; the spool folder is removed by `dispose()`.
 */
import { appendFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceRecord } from '../../src/data/feed-schema.ts';
import type { ChunkSource } from './feed-writer.ts';

const FLUSH_BYTES = 4 * 1024 * 1024;

export class TownSpool implements ChunkSource {
  private readonly pending = new Map<string, string[]>();
  private readonly counts = new Map<string, number>();
  private pendingBytes = 0;
  readonly ids = new Set<string>();

  constructor(private readonly dir: string) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }

  /** Adds a record; false (and nothing stored) when its id is already in the spool. */
  add(record: ServiceRecord): boolean {
    if (this.ids.has(record.id)) return false;
    this.ids.add(record.id);
    const line = JSON.stringify(record);
    let list = this.pending.get(record.town);
    if (!list) this.pending.set(record.town, (list = []));
    list.push(line);
    this.counts.set(record.town, (this.counts.get(record.town) ?? 0) + 1);
    this.pendingBytes += line.length;
    if (this.pendingBytes > FLUSH_BYTES) this.flush();
    return true;
  }

  get size(): number {
    return this.ids.size;
  }

  flush(): void {
    for (const [town, lines] of this.pending) if (lines.length) appendFileSync(join(this.dir, `${town}.jsonl`), `${lines.join('\n')}\n`);
    this.pending.clear();
    this.pendingBytes = 0;
  }

  towns(): string[] {
    this.flush();
    return [...this.counts.keys()].sort();
  }

  /** The chunk file text of one town: same bytes as JSON.stringify({town, services}). */
  chunkText(town: string): { text: string; count: number } {
    this.flush();
    const body = readFileSync(join(this.dir, `${town}.jsonl`), 'utf8')
      .trimEnd()
      .split('\n')
      .join(',');
    return { text: `{"town":${JSON.stringify(town)},"services":[${body}]}`, count: this.counts.get(town) ?? 0 };
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
