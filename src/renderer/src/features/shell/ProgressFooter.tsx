import { useTranslation } from 'react-i18next'
import { useApp, useWorkspaceState } from '../../context'
import { useFormat } from '../../words/format'
import type { RunView } from '@shared/domain/run-view'
import { noRetryReason } from '@shared/domain/failure-codes'

/** The bottom bar: progress with done / failed / total, pace, ETA, money against the estimate, controls. */
export function ProgressFooter(): React.JSX.Element {
  const { t } = useTranslation()
  const run = useWorkspaceState((s) => s.view?.run)
  const kind = useWorkspaceState((s) => s.view?.kind)
  const info = useWorkspaceState((s) => s.info)
  return (
    <footer className="statusbar">
      {run && kind === 'job' ? (
        <RunProgress run={run} />
      ) : (
        <span className="muted small" data-testid="app-info">
          {info ? t('app.info', info) : t('app.starting')}
        </span>
      )}
    </footer>
  )
}

/** The progress bar and its controls; each control answers at once. */
export function RunProgress({ run }: { run: RunView }): React.JSX.Element {
  const { bridge, act } = useApp()
  const { t } = useTranslation()
  const { count, money, duration } = useFormat()
  const { done, failed, total, throughputPerMin, etaMs, costUsd } = run.totals
  const share = (part: number): number => (total ? part / total : 0)
  // Failures a retry cannot fix (a damaged file, a refusal) get no "Retry failed".
  const hopeless = useWorkspaceState((s) => {
    let n = 0
    // This runs on every store update: the rows are only read when some photo failed.
    if (!s.view?.run.totals.failed) return 0
    for (const row of s.view.rows.values())
      if (row.status === 'failed' && noRetryReason(row.code)) n++
    return n
  })
  const settled = done + failed
  const percent = total > 0 ? Math.floor((settled / total) * 100) : 0
  const active = run.status === 'running' || run.status === 'paused'
  const words = [
    t('footer.words', { percent, done: count(done), failed: count(failed), total: count(total) }),
    active && throughputPerMin > 0 ? t('footer.pace', { n: Math.round(throughputPerMin) }) : '',
    active && etaMs !== undefined ? t('footer.eta', { d: duration(etaMs) }) : '',
    t('footer.spent', { money: money(costUsd) }),
    run.estimateUsd != null ? t('footer.ofEstimate', { money: money(run.estimateUsd) }) : '',
    run.status === 'paused' ? t('footer.paused') : '',
    run.status === 'completed' ? t('footer.finished') : '',
    run.status === 'cancelled' ? t('footer.cancelled') : ''
  ].join('')
  return (
    <div className="run-progress" data-testid="run-progress" data-status={run.status}>
      <div
        className="progress"
        role="progressbar"
        aria-label={t('footer.progress')}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={settled}
      >
        <div className="progress-done" style={barPart(0, share(done))} />
        <div className="progress-failed" style={barPart(share(done), share(failed))} />
      </div>
      <span className="progress-words" data-testid="progress-words">
        {words}
      </span>
      <div className="run-controls">
        {run.status === 'running' && run.mode !== 'batch' && (
          <button
            type="button"
            onClick={() => void act(() => bridge.run.pause())}
            title={t('footer.pauseTitle')}
          >
            {t('footer.pause')}
          </button>
        )}
        {run.status === 'paused' && (
          <button
            type="button"
            onClick={() => void act(() => bridge.run.resume())}
            title={t('footer.resumeTitle')}
          >
            {t('footer.resume')}
          </button>
        )}
        {active && (
          <button
            type="button"
            onClick={() => void act(() => bridge.run.cancel())}
            title={run.mode === 'batch' ? t('footer.stopWatchingTitle') : undefined}
          >
            {run.mode === 'batch' ? t('footer.stopWatching') : t('footer.cancel')}
          </button>
        )}
        {!active && settled < total && run.status !== 'stopped' && (
          <button type="button" onClick={() => void act(() => bridge.run.start())}>
            {run.mode === 'batch' && run.batch?.parts.some((p) => !p.settled)
              ? t('footer.collect')
              : t('footer.resume')}
          </button>
        )}
        {failed > hopeless && (
          <button type="button" onClick={() => void act(() => bridge.run.retry({}))}>
            {t('footer.retryFailed')}
          </button>
        )}
      </div>
    </div>
  )
}

/** A part of the bar that starts at `from` and fills `share` of it (both 0–1). */
export function barPart(from: number, share: number): React.CSSProperties {
  return { transform: `translateX(${from * 100}%) scaleX(${share})` }
}
