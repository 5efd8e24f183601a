/**
 * /operator: a data owner opens their list and sees, before sending it, what the import makes of it — the mapping
 * of columns to fields (guessed from headers, changed by tapping), the coordinate system measured against the
 * stated towns, ten records as residents see them, the points on the offline town outlines, the report — and takes
 * away the rows to fix, the mapping file and the imported feed. Nothing leaves the device: the file is read,
 * imported and zipped in a worker (import-api.ts); the town outlines are the ones the app already stores.
 */
import { Suspense, lazy, useEffect, useId, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, type Category } from '../../data/categories';
import { loadTownBoundaries } from '../../data/stored-read';
import { useFeedRevision } from '../../data/use-feed-revision';
import { pickText } from '../../i18n/languages';
import { useLanguage } from '../../i18n/use-language';
import { callback, moving } from '../../lib/worker-bridge';
import { OPERATOR_FIELDS, crsHint, type OperatorField } from './header-guess';
import { INPUT_CRS, type InputCrs } from '../../import/crs';
import type { CrsShares } from './import-adapter';
import { mappingFile } from './mapping-file';
import type { OpenReply, RunReply } from './import-api';
import { MAX_FILE_BYTES, type TableProblem } from './read-table';
import { useImportWorker } from './use-import-worker';
import { useOperatorLocale } from './operator-locale';
import { OperatorTable } from './operator-table';
import { changeText, reasonText } from './report-reason';
import './operator.css';

const OperatorMap = lazy(() => import('./operator-map'));

type Opened = Extract<OpenReply, { ok: true }> & { name: string };
type Problem = TableProblem | 'noMatch' | 'noTowns' | 'failed';

const percent = (share: number, lang: string) => new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(share);

/** A category named by the headers (幼儿园名称, 车位数 …): a first guess the user confirms. */
function categoryFromHeaders(header: readonly string[]): Category | null {
  const text = header.join(' ');
  if (/幼儿园|幼兒園|学位|kindergarten/i.test(text)) return 'kindergarten';
  if (/托育|托位|nursery/i.test(text)) return 'nursery';
  if (/停车|车位|parking/i.test(text)) return 'parking';
  if (/场馆|体育|venue|sports/i.test(text)) return 'sports_venue';
  if (/长者|日间照料|养老|elderly/i.test(text)) return 'elderly_daycare';
  if (/医院|卫生|诊所|clinic/i.test(text)) return 'clinic';
  return null;
}

/** Weekly hours as one short line: each open day with its spans, in the reader's weekday names. */
function hoursText(hours: { weekly: readonly string[] } | undefined, lang: string): string | undefined {
  if (!hours) return undefined;
  const day = new Intl.DateTimeFormat(lang, { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-01 was a Monday (the feed's weeks start on Monday).
  const open = hours.weekly.map((spans, i) => (spans ? `${day.format(Date.UTC(2024, 0, 1 + i))} ${spans}` : '')).filter(Boolean);
  return open.length ? open.join(' · ') : undefined;
}

function save(data: BlobPart, type: string, filename: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export default function OperatorPage() {
  const lang = useLanguage();
  const { t } = useTranslation('common');
  return useOperatorLocale(lang) ? <OperatorChecks /> : <p className="page">{t('app.loading')}</p>;
}

function OperatorChecks() {
  const { t } = useTranslation(['operator', 'common']);
  const lang = useLanguage();
  const ids = { file: useId(), category: useId(), filter: useId(), search: useId() };
  const connection = useImportWorker();
  const [towns, setTowns] = useState<unknown>(undefined);
  const [opened, setOpened] = useState<Opened | null>(null);
  const [reading, setReading] = useState<{ name: string; done: number; total: number } | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [fields, setFields] = useState<(OperatorField | null)[]>([]);
  const [category, setCategory] = useState<Category | null>(null);
  const [shares, setShares] = useState<CrsShares | null>(null);
  const [crs, setCrs] = useState<InputCrs | null>(null);
  const [result, setResult] = useState<RunReply | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [selectedCells, setSelectedCells] = useState<string[] | null>(null);
  const [filter, setFilter] = useState<'all' | 'skipped' | 'changed'>('all');
  const [search, setSearch] = useState('');
  const [dragging, setDragging] = useState(false);
  const generatedAt = useRef(new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'));
  const api = connection?.api;
  const revision = useFeedRevision();

  // The outlines the app stored with its feed; read again after a sync (the first visit may still be syncing).
  useEffect(() => {
    if (!api) return;
    void loadTownBoundaries()
      .then(async (geo) => {
        setTowns(geo);
        await api.setTowns(geo);
      })
      .catch(() => setTowns(null));
  }, [api, revision]);

  async function openFile(file: File | undefined) {
    if (!file || !api) return;
    setOpened(null);
    setResult(null);
    setShares(null);
    setCrs(null);
    setSelected(null);
    setProblem(null);
    if (file.size > MAX_FILE_BYTES) return setProblem('tooLarge');
    setReading({ name: file.name, done: 0, total: 1 });
    // Progress messages from the worker can arrive after the answer: none may bring the bar back.
    const call = { finished: false };
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const reply = await api.open(
        file.name,
        moving(bytes, [bytes.buffer]),
        callback((done: number, total: number) => !call.finished && setReading({ name: file.name, done, total })),
      );
      if (!reply.ok) return setProblem(reply.problem);
      if (reply.guessed.every((f) => f === null)) setProblem('noMatch');
      setOpened({ ...reply, name: file.name });
      setFields(reply.guessed);
      setCategory(reply.guessed.includes('category') ? null : categoryFromHeaders(reply.header));
    } catch {
      setProblem('failed');
    } finally {
      call.finished = true;
      setReading(null);
    }
  }

  // Shares under each system whenever the columns change; the best one is chosen until the user picks another.
  const userPickedCrs = useRef(false);
  useEffect(() => {
    if (!api || !opened || !towns) return;
    let live = true;
    void api.shares(fields).then((s) => {
      if (!live) return;
      setShares(s);
      if (!userPickedCrs.current) setCrs(s?.best ?? crsHint(opened.header) ?? 'gcj02');
    });
    return () => {
      live = false;
    };
  }, [api, opened, towns, fields]);

  const isDocument = opened?.kind === 'osm' || opened?.kind === 'hsds';
  const hasCategory = isDocument || category !== null || fields.includes('category');
  useEffect(() => {
    if (!api || !opened || !towns || !crs || !hasCategory) return;
    let live = true;
    void api.run(fields, category, crs, generatedAt.current).then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [api, opened, towns, fields, category, crs, hasCategory]);

  const selectRow = (row: number) => {
    setSelected(row);
    setSelectedCells(null);
    void api?.row(row).then(setSelectedCells);
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void openFile(e.dataTransfer.files[0]);
  };

  const base = opened?.name.replace(/\.[^.]+$/, '') || 'list';
  const skipped = result ? result.report.read - result.report.imported : 0;
  const reportRows = useMemo(() => {
    if (!result) return [];
    const rows = [
      ...Object.entries(result.report.skipped).map(([reason, r]) => ({
        kind: 'skipped' as const,
        reason,
        text: reasonText(reason, t, lang),
        ...r,
      })),
      ...Object.entries(result.report.fields).map(([reason, r]) => ({
        kind: 'changed' as const,
        reason,
        text: changeText(reason, t, lang),
        ...r,
      })),
    ];
    // The filter finds a row by what it says on screen or by the core's own words (as data:import prints them).
    const needle = search.trim().toLowerCase();
    return rows.filter(
      (r) =>
        (filter === 'all' || r.kind === filter) &&
        (!needle || r.text.toLowerCase().includes(needle) || r.reason.toLowerCase().includes(needle)),
    );
  }, [result, filter, search, t, lang]);
  const sure = shares?.sure ?? false;
  const swapped = shares?.swapped ?? false;
  const nameColumn = fields.indexOf('name.zh') >= 0 ? fields.indexOf('name.zh') : fields.indexOf('name.en');

  return (
    <section className="page operator-page" aria-labelledby="operator-title" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <h1 id="operator-title">{t('title')}</h1>
      <p>{t('intro')}</p>

      <h2>{t('open.heading')}</h2>
      <div
        className={dragging ? 'operator-drop dragging' : 'operator-drop'}
        onDragEnter={() => setDragging(true)}
        onDragLeave={() => setDragging(false)}
        data-testid="drop-zone"
      >
        <label htmlFor={ids.file} className="operator-file-label">
          {t('open.button')}
        </label>
        <input
          id={ids.file}
          className="operator-file"
          type="file"
          accept=".csv,.txt,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={!api}
          onChange={(e) => {
            void openFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        <span>{t('open.drop')}</span>
      </div>
      {reading && (
        <div role="status">
          <label>
            {t('open.reading', { name: reading.name })}
            <progress max={reading.total || 1} value={reading.done} />
          </label>
        </div>
      )}
      {problem && (
        <p className="operator-problem" role="alert" data-testid="operator-problem" data-problem={problem}>
          {t(`problem.${problem}`)}
        </p>
      )}
      {towns === null && (
        <p className="operator-problem" role="alert">
          {t('problem.noTowns')}
        </p>
      )}
      {opened && (
        <>
          <p role="status" data-testid="opened">
            {t('open.read', { name: opened.name, rows: opened.rowCount, kind: t(`kind.${opened.kind}`) })}
            {opened.encoding && <> · {t('open.encoding', { encoding: opened.encoding.toUpperCase() })}</>}
          </p>
          {opened.warnings.map((w) => (
            <p key={w} className="operator-warning" data-testid="operator-warning" data-warning={w}>
              {t(`warning.${w}`)}
            </p>
          ))}

          <h2>{t('mapping.heading')}</h2>
          <div className="operator-field-row">
            <label htmlFor={ids.category}>{t('mapping.category')}</label>
            <select
              id={ids.category}
              value={category ?? ''}
              data-testid="category-select"
              onChange={(e) => setCategory((e.target.value || null) as Category | null)}
            >
              <option value="">{t('mapping.categoryNone')}</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {t(`common:category.${c}`)}
                </option>
              ))}
            </select>
          </div>
          {!hasCategory && (
            <p className="operator-warning" role="status">
              {t('mapping.categoryNeeded')}
            </p>
          )}
          {isDocument && <p data-testid="document-note">{t('mapping.document', { kind: t(`kind.${opened.kind}`) })}</p>}
          <OperatorTable
            testId="mapping-table"
            hidden={isDocument}
            columns={[t('mapping.column'), t('mapping.values'), t('mapping.field')]}
          >
            {opened.header.map((h, i) => (
              <tr key={i}>
                <th scope="row">{h}</th>
                <td className="operator-values">
                  {opened.firstRows
                    .slice(0, 3)
                    .map((r) => r[i] ?? '')
                    .filter(Boolean)
                    .join(' · ')}
                </td>
                <td>
                  <select
                    aria-label={t('mapping.fieldFor', { column: h })}
                    value={fields[i] ?? ''}
                    data-column={h}
                    onChange={(e) => {
                      const value = (e.target.value || null) as OperatorField | null;
                      // One column per field: a field moved here leaves the column that had it.
                      setFields(fields.map((f, j) => (j === i ? value : f === value ? null : f)));
                    }}
                  >
                    <option value="">{t('mapping.unmapped')}</option>
                    {OPERATOR_FIELDS.map((f) => (
                      <option key={f} value={f}>
                        {t(`field.${f}`)}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </OperatorTable>

          <h2>{t('crs.heading')}</h2>
          {shares && shares.rows > 0 && crs ? (
            <p data-testid="crs-shares">
              {t('crs.sentence', {
                list: [...INPUT_CRS]
                  .sort((a, b) => shares.share[b] - shares.share[a])
                  .map((c) =>
                    t('crs.share', {
                      crs: c === 'wgs84' ? 'WGS-84' : c === 'gcj02' ? 'GCJ-02' : 'BD-09',
                      share: percent(shares.share[c], lang),
                    }),
                  )
                  .join(lang === 'en' ? '; ' : '；'),
                best: t(`crs.${crs}`),
              })}
            </p>
          ) : (
            shares && <p>{t('crs.none')}</p>
          )}
          {shares && shares.rows > 0 && !sure && <p className="operator-warning">{t('crs.unsure')}</p>}
          {swapped && (
            <p className="operator-warning" role="alert" data-testid="swapped">
              {t('warning.swapped')}
            </p>
          )}
          <fieldset className="operator-crs">
            <legend>{t('crs.legend')}</legend>
            {INPUT_CRS.map((c) => (
              <label key={c}>
                <input
                  type="radio"
                  name="operator-crs"
                  value={c}
                  checked={crs === c}
                  onChange={() => {
                    userPickedCrs.current = true;
                    setCrs(c);
                  }}
                />{' '}
                {t(`crs.${c}`)}
                {shares && shares.rows > 0 && <> — {percent(shares.share[c], lang)}</>}
              </label>
            ))}
          </fieldset>

          {result && (
            <>
              <h2>{t('preview.heading')}</h2>
              {result.preview.length === 0 ? (
                <p>{t('preview.none')}</p>
              ) : (
                <ol className="operator-preview" data-testid="preview">
                  {result.preview.map((r) => (
                    <li key={r.id}>
                      <strong>{pickText(r.name, lang)}</strong> <span className="operator-tag">{t(`common:category.${r.category}`)}</span>
                      {r.address && <div>{pickText(r.address, lang)}</div>}
                      {(r.phones ?? (r.phone ? [{ number: r.phone }] : [])).map((p: { number: string; ext?: string }, i) => (
                        <div key={i}>
                          {t('preview.line', { label: t('field.phone'), value: p.number })}
                          {p.ext && <> {t('preview.ext', { ext: p.ext })}</>}
                        </div>
                      ))}
                      {(r.hoursAsWritten ?? hoursText(r.hours, lang)) && (
                        <div>{t('preview.line', { label: t('field.hours'), value: r.hoursAsWritten ?? hoursText(r.hours, lang) })}</div>
                      )}
                    </li>
                  ))}
                </ol>
              )}

              {towns != null && result.points.inside + result.points.outside > 0 && (
                <>
                  <h2>{t('map.heading')}</h2>
                  <Suspense fallback={<p>{t('common:app.loading')}</p>}>
                    <OperatorMap towns={towns} points={result.points} onSelect={selectRow} />
                  </Suspense>
                  {selected !== null && opened && (
                    <div className="operator-selected" role="status" data-testid="selected-row">
                      <strong>{t('map.selected', { row: selected + 2 })}</strong>{' '}
                      {opened.header.map((h, i) => `${h}: ${selectedCells?.[i] ?? ''}`).join(' · ')}
                    </div>
                  )}
                </>
              )}

              <h2>{t('report.heading')}</h2>
              <p data-testid="report-summary">
                {t('report.summary', { read: result.report.read, imported: result.report.imported, skipped })}
              </p>
              <div className="operator-field-row">
                <label htmlFor={ids.filter}>{t('report.filter')}</label>
                <select id={ids.filter} value={filter} onChange={(e) => setFilter(e.target.value as typeof filter)}>
                  <option value="all">{t('report.all')}</option>
                  <option value="skipped">{t('report.skipped')}</option>
                  <option value="changed">{t('report.changed')}</option>
                </select>
                <label htmlFor={ids.search}>{t('report.search')}</label>
                <input id={ids.search} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
              </div>
              <OperatorTable
                testId="report-table"
                className="operator-table operator-report"
                columns={[t('report.kind'), t('report.reason'), t('report.count'), t('report.examples')]}
              >
                {reportRows.map((r) => (
                  <tr key={`${r.kind}:${r.reason}`} data-kind={r.kind}>
                    <td>{t(r.kind === 'skipped' ? 'report.kindSkipped' : 'report.kindChanged')}</td>
                    <td>{r.text}</td>
                    <td>{r.count}</td>
                    <td>{r.examples.join(', ')}</td>
                  </tr>
                ))}
              </OperatorTable>
              {result.rowsToFix.length > 0 && (
                <>
                  <h3>{t('report.rows')}</h3>
                  <OperatorTable
                    testId="skipped-rows"
                    columns={[t('report.row'), t('report.reason'), nameColumn >= 0 ? opened.header[nameColumn] : t('mapping.values')]}
                  >
                    {result.rowsToFix.map((r) => (
                      <tr key={r.row} className={selected === r.row ? 'selected' : undefined}>
                        <td>{r.row + 2}</td>
                        <td>{reasonText(r.reason, t, lang)}</td>
                        <td>{nameColumn >= 0 ? r.cells[nameColumn] : r.cells.filter(Boolean).slice(0, 2).join(' · ')}</td>
                      </tr>
                    ))}
                  </OperatorTable>
                  {skipped > result.rowsToFix.length && <p>{t('report.more', { count: skipped - result.rowsToFix.length })}</p>}
                </>
              )}

              <h2>{t('take.heading')}</h2>
              <div className="actions operator-actions">
                <button
                  type="button"
                  className="button"
                  disabled={skipped === 0}
                  onClick={() =>
                    void api
                      ?.fixCsv(
                        t('take.fixReason'),
                        Object.fromEntries(Object.keys(result.report.skipped).map((r) => [r, reasonText(r, t, lang)])),
                      )
                      .then((csv) => csv && save(csv, 'text/csv;charset=utf-8', `${base}-to-fix.csv`))
                  }
                >
                  {t('take.fix')}
                </button>
                <button
                  type="button"
                  className="button"
                  onClick={() =>
                    save(
                      `${JSON.stringify(mappingFile(opened.header, fields, category), null, 2)}\n`,
                      'application/json',
                      `${base}-mapping.json`,
                    )
                  }
                >
                  {t('take.mapping')}
                </button>
                <button
                  type="button"
                  className="button primary"
                  disabled={result.report.imported === 0}
                  onClick={() =>
                    void api
                      ?.zip(generatedAt.current, base)
                      .then((zip) => zip && save(zip as BlobPart, 'application/zip', `${base}-feed.zip`))
                  }
                >
                  {t('take.zip')}
                </button>
              </div>
              <p className="hint">{t('take.hint')}</p>
            </>
          )}
        </>
      )}
    </section>
  );
}
