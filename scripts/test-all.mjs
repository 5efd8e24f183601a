// `npm test`: everything — typecheck, architecture rules, unused code (knip), formatting (Prettier), unit tests, production build, then the browser e2e in real Chromium.
import { runSteps } from './run-steps.mjs';

runSteps([
  ['chromium', 'node scripts/ensure-chromium.mjs'],
  ['typecheck', 'npm run typecheck --silent'],
  ['architecture', 'npm run check:architecture --silent'],
  ['unused code', 'npm run check:unused --silent'],
  ['format', 'npm run format:check --silent'],
  ['unit tests', 'npx vitest run'],
  ['build', 'npm run build --silent'],
  // the same app with the TEST publishing key trusted, for tests/e2e/trust.spec.ts (signed feeds, issue 23)
  ['build (trusted test key)', 'npx tsx tests/e2e/trust-build.ts'],
  ['size budget', 'node scripts/size.mjs'],
  ['browser e2e', 'npx playwright test'],
]);
