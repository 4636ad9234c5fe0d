import { useApp, useWorkspaceState } from '../../context'
import { approxDuration, count, money } from '../../words/format'
import type { RunView } from '@shared/domain/run-view'

/** The bottom bar: progress with done / failed / total, pace, ETA, money against the estimate, controls. */
export function ProgressFooter(): React.JSX.Element {
  const run = useWorkspaceState((s) => s.view?.run)
  const kind = useWorkspaceState((s) => s.view?.kind)
  const info = useWorkspaceState((s) => s.info)
  return (
    <footer className="statusbar">
      {run && kind === 'job' ? (
        <RunProgress run={run} />
      ) : (
        <span className="muted small" data-testid="app-info">
          {info
            ? `${info.name} ${info.version} · ${info.platform} · Data: ${info.dataDir}`
            : 'Starting…'}
        </span>
      )}
    </footer>
  )
}

/** The progress bar and its controls; each control answers at once. */
export function RunProgress({ run }: { run: RunView }): React.JSX.Element {
  const { bridge, act } = useApp()
  const { done, failed, total, throughputPerMin, etaMs, costUsd } = run.totals
  const settled = done + failed
  const percent = total > 0 ? Math.floor((settled / total) * 100) : 0
  const active = run.status === 'running' || run.status === 'paused'
  return (
    <div className="run-progress" data-testid="run-progress" data-status={run.status}>
      <div
        className="progress"
        role="progressbar"
        aria-label="Job progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={settled}
      >
        <div className="progress-done" style={{ width: `${total ? (done / total) * 100 : 0}%` }} />
        <div
          className="progress-failed"
          style={{ width: `${total ? (failed / total) * 100 : 0}%` }}
        />
      </div>
      <span className="progress-words" data-testid="progress-words">
        {percent}% · {count(done)} done · {count(failed)} failed · {count(total)} total
        {active && throughputPerMin > 0 ? ` · ${Math.round(throughputPerMin)}/min` : ''}
        {active && etaMs !== undefined ? ` · ETA ${approxDuration(etaMs).replace('≈ ', '')}` : ''}
        {` · spent ${money(costUsd)}`}
        {run.estimateUsd != null ? ` of ≈${money(run.estimateUsd)}` : ''}
        {run.status === 'paused' ? ' · paused' : ''}
        {run.status === 'completed' ? ' · finished' : ''}
        {run.status === 'cancelled' ? ' · cancelled' : ''}
      </span>
      <div className="run-controls">
        {run.status === 'running' && (
          <button
            type="button"
            onClick={() => void act(() => bridge.run.pause())}
            title="Pause (Space)"
          >
            Pause
          </button>
        )}
        {run.status === 'paused' && (
          <button
            type="button"
            onClick={() => void act(() => bridge.run.resume())}
            title="Resume (Space)"
          >
            Resume
          </button>
        )}
        {active && (
          <button type="button" onClick={() => void act(() => bridge.run.cancel())}>
            Cancel
          </button>
        )}
        {!active && settled < total && run.status !== 'stopped' && (
          <button type="button" onClick={() => void act(() => bridge.run.start())}>
            Resume
          </button>
        )}
        {failed > 0 && (
          <button type="button" onClick={() => void act(() => bridge.run.retry({}))}>
            Retry failed
          </button>
        )}
      </div>
    </div>
  )
}
