import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConnectionTest } from '@shared/settings/probes'
import { useApp } from '../../context'

/** "Test connection": which route it took and where it stopped (name lookup, TLS, proxy, key). */
export function ConnectionTester(): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge, act } = useApp()
  const [result, setResult] = useState<ConnectionTest | null>(null)
  const [busy, setBusy] = useState(false)
  const route = result?.route
  return (
    <div className="settings-group">
      <button
        type="button"
        disabled={busy}
        data-testid="test-connection"
        onClick={() =>
          void (async () => {
            setBusy(true)
            setResult((await act(() => bridge.settings.testConnection())) ?? null)
            setBusy(false)
          })()
        }
      >
        {busy ? t('keys.testing') : t('proxy.test')}
      </button>
      {result && route && (
        <div
          className={`key-test key-test-${result.outcome === 'ok' ? 'valid' : 'error'}`}
          role="status"
          data-testid="connection-test"
        >
          <p>
            {route.kind === 'proxy'
              ? t('proxy.routeProxy', {
                  proxy: route.proxy,
                  source: t(`proxy.sources.${route.source}`)
                })
              : t(`proxy.routeDirect.${route.reason}`)}
          </p>
          <p>
            <strong>{t(`proxy.outcome.${result.outcome}`, { status: result.status ?? '' })}</strong>{' '}
            <span className="muted small">{t('proxy.latency', { ms: result.latencyMs })}</span>
          </p>
          {result.detail && <p className="mono small">{result.detail}</p>}
        </div>
      )}
    </div>
  )
}
