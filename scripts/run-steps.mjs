// Runs a list of shell steps in order, stops at the first failure, and prints how long each took.
import { spawnSync } from 'node:child_process';

export function runSteps(steps) {
  const started = Date.now();
  for (const [label, command] of steps) {
    const t0 = Date.now();
    console.log(`\n▶ ${label}: ${command}`);
    const result = spawnSync(command, { shell: true, stdio: 'inherit', env: process.env });
    const seconds = ((Date.now() - t0) / 1000).toFixed(1);
    if (result.status !== 0) {
      console.error(`\n✖ ${label} failed after ${seconds} s (exit ${result.status ?? result.signal})`);
      process.exit(result.status || 1);
    }
    console.log(`✔ ${label} (${seconds} s)`);
  }
  console.log(`\nAll steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
