import { Trans, useTranslation } from 'react-i18next'
import { useApp, useWorkspaceState } from '../../context'
import { useFormat } from '../../words/format'

/**
 * What a window with nothing open offers: with no key, "Add your OpenAI API key" (Settings →
 * Keys) and "Try the demo (no key needed)"; an unfinished job from before, for resume.
 */
export function FirstRun(): React.JSX.Element | null {
  const { bridge, act, openSettings } = useApp()
  const { t } = useTranslation()
  const { count } = useFormat()
  const hasView = useWorkspaceState((s) => s.view !== null)
  const connection = useWorkspaceState((s) => s.snapshot?.connection)
  const resumable = useWorkspaceState((s) => s.snapshot?.resumable ?? null)
  if (hasView || !connection) return null
  return (
    <div className="first-run">
      {resumable && (
        <section className="card resume-offer" aria-label={t('firstRun.unfinished')}>
          <div>
            <Trans
              i18nKey="firstRun.unfinishedText"
              values={{
                name: resumable.name,
                done: count(resumable.done),
                total: count(resumable.total)
              }}
              components={[<strong key="name" />]}
            />
          </div>
          <button
            type="button"
            className="primary"
            onClick={() =>
              void act(async () => {
                await bridge.jobs.open({ id: resumable.id })
                await bridge.run.start()
              })
            }
          >
            {t('firstRun.resume')}
          </button>
        </section>
      )}
      {!connection.hasKey && (
        <section className="card welcome" aria-label={t('firstRun.welcome')}>
          <h2>{t('firstRun.welcomeTitle')}</h2>
          <p>{t('firstRun.welcomeText')}</p>
          <div className="welcome-options">
            <div className="welcome-option">
              <h3>{t('firstRun.addKeyTitle')}</h3>
              <p className="muted small">{t('firstRun.addKeyText')}</p>
              <button type="button" className="primary" onClick={() => openSettings('keys')}>
                {t('firstRun.addKey')}
              </button>
            </div>
            <div className="welcome-option">
              <h3>{t('firstRun.demoTitle')}</h3>
              <p className="muted small">{t('firstRun.demoText')}</p>
              <button type="button" onClick={() => void act(() => bridge.run.demo())}>
                {t('firstRun.demo')}
              </button>
            </div>
          </div>
        </section>
      )}
    </div>
  )
}
