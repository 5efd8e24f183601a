import { runLiveRelayBench } from './tests/bench/live-relay-bench.ts';
const rows = await runLiveRelayBench({ quick: false, log: console.log });
console.log(rows[0]!.project);
