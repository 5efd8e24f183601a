// Draws the app icon (a map pin on teal) as PNGs without any image library: run once, output committed.
import fs from 'node:fs';
import zlib from 'node:zlib';

const TEAL = [0x0b, 0x6e, 0x6e];
const WHITE = [0xff, 0xff, 0xff];

function crc32(buf) {
  let c,
    crc = 0xffffffff;
  for (let n = 0; n < buf.length; n++) {
    c = (crc ^ buf[n]) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** maskable: full-bleed background and the pin inside the 80 % safe zone. */
function icon(size, maskable) {
  const rows = [];
  const r = size / 2;
  const scale = maskable ? 0.55 : 0.7;
  const pinR = (size * scale) / 3.2; // head radius
  const cx = r,
    cy = r - pinR * 0.45;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      // rounded-square background (corner radius 22 %) unless maskable (full bleed)
      const cr = size * 0.22;
      const dx = Math.max(cr - x, x - (size - 1 - cr), 0),
        dy = Math.max(cr - y, y - (size - 1 - cr), 0);
      const inBg = maskable || dx * dx + dy * dy <= cr * cr;
      // pin: circle head + triangle tail, with a hole
      const d = Math.hypot(x - cx, y - cy);
      const tailTop = cy + pinR * 0.55,
        tailBottom = cy + pinR * 2.1;
      const halfW = y >= tailTop && y <= tailBottom ? pinR * 0.82 * (1 - (y - tailTop) / (tailBottom - tailTop)) : -1;
      const inPin = (d <= pinR || Math.abs(x - cx) <= halfW) && d > pinR * 0.42;
      const c = inBg ? (inPin ? WHITE : TEAL) : null;
      const o = 1 + x * 4;
      if (c) {
        row[o] = c[0];
        row[o + 1] = c[1];
        row[o + 2] = c[2];
        row[o + 3] = 255;
      }
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  ihdr[10] = 0;
  ihdr[11] = 0;
  ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
fs.mkdirSync('public/icons', { recursive: true });
fs.writeFileSync('public/icons/icon-192.png', icon(192, false));
fs.writeFileSync('public/icons/icon-512.png', icon(512, false));
fs.writeFileSync('public/icons/icon-maskable-512.png', icon(512, true));
fs.writeFileSync('public/apple-touch-icon.png', icon(180, true));
console.log('icons written to public/icons');
