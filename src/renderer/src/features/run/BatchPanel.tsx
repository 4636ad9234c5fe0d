import { useTranslation } from 'react-i18next'
import type { RunView } from '@shared/domain/run-view'
import { useApp } from '../../context'
import { useNow } from '../../hooks/useNow'
import { useFormat } from '../../words/format'
import { batchStatusWord } from '../../words/status'

/**
 * A Batch job's files and where each stands, when the batches are looked at next, and the one-click
 * actions: cancel the batches (what finished is kept), re-run what failed live or in a new batch.
 */
export function BatchPanel({
  run,
  heardAt
}: {
  run: RunView
  heardAt: number
}): React.JSX.Element | null {
  const { t } = useTranslation()
  const { bridge, act } = useApp()
  const { count, duration } = useFormat()
  const batch = run.batch
  const running = run.status === 'running' || run.status === 'paused'
  const now = useNow(running && batch?.nextPollInMs !== undefined)
  if (!batch) return null
  const open = batch.parts.filter((part) => !part.settled)
  const nextMs =
    batch.nextPollInMs === undefined ? undefined : Math.max(0, batch.nextPollInMs - (now - heardAt))
  const failed = batch.rerunnable ?? 0
  return (
    <section className="batch-panel" aria-label={t('batch.title')} data-testid="batch-panel">
      <h3 className="section-title">{t('batch.title')}</h3>
      <ul className="batch-parts">
        {batch.parts.map((part) => (
          <li key={part.n} data-testid={`batch-part-${part.n}`}>
            {t('batch.part', { n: part.n, of: batch.parts.length })} ·{' '}
            {batchStatusWord(part.settled ? 'settled' : part.status, t)}
            {part.status === 'in_progress' &&
              ` ${count(part.completed + part.failed)}/${count(part.lines)}`}
            {part.problem && <span className="muted small"> — {part.problem}</span>}
          </li>
        ))}
      </ul>
      <p className="muted small" data-testid="batch-next">
        {open.length === 0
          ? t('batch.allCollected')
          : run.status === 'paused'
            ? t('batch.paused')
            : !running
              ? t('batch.notWatching')
              : batch.phase === 'building'
                ? t('batch.building', { n: count(batch.built) })
                : batch.phase === 'cancelling'
                  ? t('batch.cancelling')
                  : nextMs === undefined
                    ? t('batch.checking')
                    : t('batch.nextCheck', { d: duration(nextMs) })}
      </p>
      {batch.enqueueLimit !== undefined && open.length > 0 && (
        <p className="muted small" data-testid="batch-queue">
          {t('batch.queue', {
            used: count(batch.enqueuedTokens),
            limit: count(batch.enqueueLimit)
          })}
        </p>
      )}
      <div className="run-buttons">
        {running && (
          <button
            type="button"
            onClick={() =>
              void act(() => (run.status === 'paused' ? bridge.run.resume() : bridge.run.pause()))
            }
          >
            {t(run.status === 'paused' ? 'batch.resume' : 'batch.pause')}
          </button>
        )}
        {open.length > 0 && (
          <button type="button" onClick={() => void act(() => bridge.run.cancelBatches())}>
            {t('batch.cancel')}
          </button>
        )}
        {!running && failed > 0 && (
          <>
            <button
              type="button"
              onClick={() => void act(() => bridge.run.retry({ mode: 'live' }))}
            >
              {t('batch.rerunLive', { n: count(failed) })}
            </button>
            <button
              type="button"
              onClick={() => void act(() => bridge.run.retry({ mode: 'batch' }))}
            >
              {t('batch.rerunBatch', { n: count(failed) })}
            </button>
          </>
        )}
      </div>
    </section>
  )
}
