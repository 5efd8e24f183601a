/**
 * Keeps the architecture in docs/architecture.md without a lint dependency: imports flow data/geo/i18n/pwa → features → app,
 * a feature reaches into another only through the few public files listed here, and there are no barrel files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../src');

/** Cross-feature imports that are deliberate: a page composing another feature's public component or hook. */
const ALLOWED_CROSS_FEATURE: Record<string, string[]> = {
  finder: ['availability/availability-badge', 'availability/availability-panel', 'availability/has-availability'],
  settings: ['finder/saved-services', 'data-status/data-status-panel', 'availability/availability-faults'],
};
/** The service worker shares one import-free rule file with the map. */
const ALLOWED_SW = ['features/finder/map/tile-cache-rule'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return specifiers
    .map((match) => match[1] ?? match[2] ?? '')
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => path.relative(SRC, path.resolve(path.dirname(file), specifier)).replace(/\.(ts|tsx)$/, ''));
}

const layerOf = (relative: string) => relative.split(path.sep)[0] ?? '';
const featureOf = (relative: string) => (relative.startsWith(`features${path.sep}`) ? relative.split(path.sep)[1] ?? null : null);

describe('import direction', () => {
  const files = sourceFiles(SRC).filter((file) => !/\.test\.tsx?$/.test(file));

  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it('lower layers never import features or the app shell', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = path.relative(SRC, file);
      if (!['data', 'geo', 'i18n', 'pwa'].includes(layerOf(from))) continue;
      for (const target of importsOf(file)) {
        if (['features', 'app'].includes(layerOf(target))) wrong.push(`${from} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('features never import the app shell, and other features only through their public files', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = path.relative(SRC, file);
      const feature = featureOf(from);
      if (!feature) continue;
      for (const target of importsOf(file)) {
        if (layerOf(target) === 'app') {
          if (!(feature === 'settings' && target === path.join('app', 'display-preferences'))) wrong.push(`${from} → ${target}`);
          continue;
        }
        const other = featureOf(target);
        if (!other || other === feature) continue;
        const allowed = (ALLOWED_CROSS_FEATURE[feature] ?? []).map((p) => path.join('features', p));
        if (!allowed.includes(target)) wrong.push(`${from} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the service worker imports nothing from the app but its shared rule file', () => {
    const wrong = sourceFiles(path.join(SRC, 'sw'))
      .flatMap((file) => importsOf(file).map((target) => ({ from: path.relative(SRC, file), target })))
      .filter(({ target }) => layerOf(target) !== 'sw' && !ALLOWED_SW.includes(target.split(path.sep).join('/')))
      .map(({ from, target }) => `${from} → ${target}`);
    expect(wrong).toEqual([]);
  });

  it('has no barrel files', () => {
    const barrels = sourceFiles(SRC).filter((file) => /^index\.tsx?$/.test(path.basename(file)));
    expect(barrels.map((file) => path.relative(SRC, file))).toEqual([]);
  });
});
