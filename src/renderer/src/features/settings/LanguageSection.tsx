import { useTranslation } from 'react-i18next'
import { UI_LANGUAGES, type UiLanguage } from '@shared/settings/schema'
import { useApp, useWorkspaceState } from '../../context'
import { SelectField } from './fields'
import { useSettingsCall, useSettingsView } from './useSettings'

/** The app's language (live), the theme note, and what main reported about itself. */
export function LanguageSection(): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge } = useApp()
  const view = useSettingsView()!
  const info = useWorkspaceState((s) => s.info)
  const connection = useWorkspaceState((s) => s.snapshot?.connection)
  const { call } = useSettingsCall()
  return (
    <div className="settings-section" data-testid="settings-language">
      <h3>{t('settings.tabs.language')}</h3>
      <SelectField<UiLanguage>
        label={t('language.app')}
        value={view.settings.uiLanguage}
        testId="ui-language"
        hint={t('language.hint')}
        options={UI_LANGUAGES.map((id) => ({ id, label: t(`language.names.${id}`) }))}
        onChange={(value) =>
          void call(() => bridge.settings.update({ section: 'uiLanguage', value }))
        }
      />
      <p className="muted small">{t('language.theme')}</p>
      <p className="muted small">{t('language.shortcuts')}</p>
      <h4>{t('language.about')}</h4>
      {info ? (
        <dl className="facts">
          <dt>{t('language.version')}</dt>
          <dd>{info.version}</dd>
          <dt>{t('language.platform')}</dt>
          <dd>
            {info.platform} ({info.arch})
          </dd>
          <dt>{t('language.dataFolder')}</dt>
          <dd className="mono">{info.dataDir}</dd>
          <dt>{t('language.sending')}</dt>
          <dd>{connection?.endpoint}</dd>
          <dt>{t('language.runtime')}</dt>
          <dd>
            {Object.entries(info.runtime)
              .map(([k, v]) => `${k} ${v}`)
              .join(' · ')}
          </dd>
        </dl>
      ) : (
        <p className="muted">{t('app.starting')}</p>
      )}
    </div>
  )
}
