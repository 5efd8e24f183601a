// `npm start`: build the production app (with the embedded sample feed) and serve it on 127.0.0.1:4173 (PORT
// overrides) with the service worker active, so it can be installed and used offline at once.
import { spawn } from 'node:child_process';
import { runSteps } from './run-steps.mjs';

const port = process.env.PORT ?? '4173';
runSteps([['build', 'npm run build --silent']]);
console.log(`\n莞邻 DG Nearby: http://127.0.0.1:${port}/  (Ctrl+C to stop)`);
const server = spawn(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', port, '--strictPort'],
  {
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
