/**
 * The bench's owners, in their own process so their CPU is not counted as the relay's: 30 owner systems
 * on one local server (/owner/<n>.json for car-park APIs, /owner/<n>.csv for kindergarten CSVs), each with
 * its share of the services, ETag/304, and `POST /__advance` moving every figure and its time (a minute
 * passes at every owner). Prints `OWNERS_URL=<url>` when listening.
 * Usage: node --import tsx live-owners-child.ts <services> <owners> <csvOwners>
 */
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';

const services = Number(process.argv[2] ?? 100_000);
const owners = Number(process.argv[3] ?? 30);
const csvOwners = Number(process.argv[4] ?? 10);
const per = Math.ceil(services / owners);
let minute = 0;
const t0 = Date.now() - 3_600_000;
const bodies = new Map<string, { body: Buffer; etag: string; type: string }>();

const cst = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

function render() {
  const at = cst(t0 + minute * 60_000);
  for (let o = 0; o < owners; o++) {
    const csv = o >= owners - csvOwners;
    const ids = Array.from({ length: Math.min(per, services - o * per) }, (_, i) => o * per + i);
    let text: string;
    if (csv) {
      const rows = ['code,xiaoban_free,xiaoban_total,daban_free,daban_total,updated'];
      for (const i of ids) rows.push(`${i},${(i + minute) % 30},30,${(i * 7 + minute) % 25},25,${at}`);
      text = rows.join('\r\n') + '\r\n';
    } else {
      const lots = ids.map((i) => ({ lotCode: String(i), freeSpaces: (i * 13 + minute * 7) % 200, capacity: 200, updateTime: at }));
      text = JSON.stringify({ code: 0, data: { lots } });
    }
    const body = Buffer.from(text);
    bodies.set(`/owner/${o}.${csv ? 'csv' : 'json'}`, {
      body,
      etag: `"${createHash('sha1').update(body).digest('hex')}"`,
      type: csv ? 'text/csv; charset=utf-8' : 'application/json',
    });
  }
}
render();

const server = createServer((req, res) => {
  if (req.method === 'POST' && req.url === '/__advance') {
    minute++;
    render();
    res.writeHead(200).end(String(minute));
    return;
  }
  const file = bodies.get(req.url ?? '');
  if (!file) return void res.writeHead(404).end();
  if (req.headers['if-none-match'] === file.etag) return void res.writeHead(304, { ETag: file.etag }).end();
  res.writeHead(200, { 'Content-Type': file.type, 'Content-Length': file.body.length, ETag: file.etag }).end(file.body);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`OWNERS_URL=http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
