import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { RunView } from '@shared/domain/run-view'
import { useWorkspaceState } from '../../context'
import { useNow } from '../../hooks/useNow'
import { useFormat } from '../../words/format'

/** While every working key waits because the connection failed: the run cannot reach the server. */
export function isOffline(run: RunView | undefined): boolean {
  if (run?.status !== 'running') return false
  const working = run.keys.filter((key) => !key.stopped)
  return working.length > 0 && working.every((key) => key.coolingCause === 'network')
}

/**
 * The connection is down: since when, a countdown to the next try, and that nothing is lost —
 * the run goes on by itself when the server answers again.
 */
export function OfflineBanner(): React.JSX.Element | null {
  const { t } = useTranslation()
  const { duration } = useFormat()
  const run = useWorkspaceState((s) => s.view?.run)
  const runAt = useWorkspaceState((s) => s.view?.runAt ?? 0)
  const offline = isOffline(run)
  const now = useNow(offline)
  const since = useRef<number | null>(null)
  if (!offline) {
    since.current = null
    return null
  }
  since.current ??= now
  const working = run!.keys.filter((key) => !key.stopped)
  const nextTry = Math.min(...working.map((key) => key.coolingInMs ?? 0)) - (now - runAt)
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <span aria-hidden="true">⚠</span>
      <div>
        <strong>{t('offline.title')}</strong>{' '}
        {t('offline.retry', { n: Math.max(0, Math.ceil(nextTry / 1000)) })}{' '}
        {now - since.current >= 60_000 && t('offline.since', { d: duration(now - since.current) })}{' '}
        <span className="muted">{t('offline.kept')}</span>
      </div>
    </div>
  )
}
