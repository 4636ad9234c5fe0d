import { useTranslation } from 'react-i18next'
import { useApp, useWorkspaceState } from '../../context'
import { stopWords } from '../../words/stops'

/** Stops whose next step is in Settings: the banner's main button opens it there. */
const FIXED_IN_SETTINGS: Readonly<Record<string, 'keys'>> = { auth: 'keys' }

/**
 * A stop in plain words with the right next action as the main button (a refused key opens
 * Settings at Keys, naming the key), and Resume — nothing is lost.
 */
export function StopBanner(): React.JSX.Element | null {
  const { bridge, act, openSettings } = useApp()
  const { t } = useTranslation()
  const stop = useWorkspaceState((s) =>
    s.view?.run.status === 'stopped' ? s.view.run.stop : undefined
  )
  const stoppedKeys = useWorkspaceState((s) =>
    (s.view?.run.keys ?? [])
      .filter((key) => key.stopped)
      .map((key) => `“${key.label}”`)
      .join(', ')
  )
  if (!stop) return null
  const words = stopWords(stop.kind, t)
  const section = FIXED_IN_SETTINGS[stop.kind]
  const resume = (
    <button
      type="button"
      className={section ? '' : 'primary'}
      onClick={() => void act(() => bridge.run.start())}
    >
      {t('stop.resume')}
    </button>
  )
  return (
    <div className="stop-banner" role="alert" data-stop-kind={stop.kind}>
      <span className="stop-mark" aria-hidden="true">
        ■
      </span>
      <div className="stop-text">
        <strong>{words.title}</strong> {words.action}
        {section && stoppedKeys && (
          <span data-testid="stopped-keys"> {t('stop.whichKeys', { keys: stoppedKeys })}</span>
        )}
        <details>
          <summary className="small">{t('stop.said')}</summary>
          <p className="mono small">{stop.reason}</p>
        </details>
      </div>
      <div className="stop-actions">
        {section && (
          <button type="button" className="primary" onClick={() => openSettings(section)}>
            {t('stop.openSettings')}
          </button>
        )}
        {resume}
      </div>
    </div>
  )
}
