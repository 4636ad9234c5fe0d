import { useTranslation } from 'react-i18next'
import { useApp, useWorkspaceState } from '../../context'
import { stopWords } from '../../words/stops'

/** A stop in plain words with what to do, and Resume — nothing is lost. */
export function StopBanner(): React.JSX.Element | null {
  const { bridge, act } = useApp()
  const { t } = useTranslation()
  const stop = useWorkspaceState((s) =>
    s.view?.run.status === 'stopped' ? s.view.run.stop : undefined
  )
  if (!stop) return null
  const words = stopWords(stop.kind, t)
  return (
    <div className="stop-banner" role="alert" data-stop-kind={stop.kind}>
      <span className="stop-mark" aria-hidden="true">
        ■
      </span>
      <div className="stop-text">
        <strong>{words.title}</strong> {words.action}
        <details>
          <summary className="small">{t('stop.said')}</summary>
          <p className="mono small">{stop.reason}</p>
        </details>
      </div>
      <button type="button" className="primary" onClick={() => void act(() => bridge.run.start())}>
        {t('stop.resume')}
      </button>
    </div>
  )
}
