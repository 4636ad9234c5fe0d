import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp, useWorkspaceState } from '../../context'

/**
 * What went wrong with the saved settings at start, said once in the main window: a damaged
 * file set aside (defaults in use), or keys the system keyring can no longer decrypt.
 */
export function SettingsNotice(): React.JSX.Element | null {
  const { t } = useTranslation()
  const { openSettings } = useApp()
  const notices = useWorkspaceState((s) => s.snapshot?.settings.notices)
  const [dismissed, setDismissed] = useState(false)
  if (!notices || dismissed || (!notices.setAside && notices.unreadableKeys.length === 0))
    return null
  return (
    <div
      className="settings-notice settings-notice-main"
      role="alert"
      data-testid="settings-notice"
    >
      {notices.setAside && <p>{t('settings.setAside', { path: notices.setAside })}</p>}
      {notices.unreadableKeys.length > 0 && (
        <p>{t('keys.unreadable', { labels: notices.unreadableKeys.join(', ') })}</p>
      )}
      <div className="settings-save">
        <button type="button" className="small primary" onClick={() => openSettings('keys')}>
          {t('settings.open')}
        </button>
        <button type="button" className="small ghost" onClick={() => setDismissed(true)}>
          {t('app.dismiss')}
        </button>
      </div>
    </div>
  )
}
