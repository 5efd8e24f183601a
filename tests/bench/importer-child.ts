/**
 * Runs `data:import` in this process and writes the process's peak RSS (kB) to $PEAK_RSS_FILE on exit,
 * so the importer bench can measure the real CLI's memory. Usage: node --import tsx importer-child.ts <data:import args>
 */
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.PEAK_RSS_FILE) writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
});
await import('../../scripts/data-import.ts');
