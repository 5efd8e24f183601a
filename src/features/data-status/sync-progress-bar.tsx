import { useTranslation } from 'react-i18next';
import type { SyncProgress } from '../../data/sync.ts';
import { useSyncStatus } from '../../data/use-sync-status.ts';

/** Share of the bar each phase covers: downloading dominates, saving is one big transaction. */
const SPAN: Record<SyncProgress['phase'], [number, number]> = {
  manifest: [0, 5],
  chunks: [5, 85],
  files: [85, 90],
  write: [90, 100],
  done: [100, 100],
};

export function progressPercent(p: SyncProgress | null): number {
  if (!p) return 0;
  const [from, to] = SPAN[p.phase];
  const part = p.total > 0 ? Math.min(1, p.done / p.total) : 1;
  return Math.round(from + (to - from) * part);
}

/**
 * Progress of the running sync. The shell shows it on first run (`firstRunOnly`); the Data status
 * panel shows it for any sync. Renders nothing when no sync is running.
 */
export function SyncProgressBar({ firstRunOnly = false }: { firstRunOnly?: boolean }) {
  // Its words are in `common`, bundled with the first screen: no locale chunk arrives while the download runs.
  const { t } = useTranslation();
  const status = useSyncStatus();
  if (!status.running || (firstRunOnly && !status.firstRun)) return null;
  const p = status.progress;
  const percent = progressPercent(p);
  const label = p ? t(`syncProgress.${p.phase}`, { done: p.done, total: p.total }) : t('syncProgress.manifest');
  return (
    <div className="sync-progress">
      <div
        className="sync-progress-track"
        role="progressbar"
        aria-label={t('syncProgress.label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={label}
      >
        <div className="sync-progress-fill" style={{ transform: `scaleX(${percent / 100})` }} />
      </div>
      <p className="sync-progress-text" aria-live="polite">
        {label}
      </p>
    </div>
  );
}
