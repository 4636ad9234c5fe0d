import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { SettingsSection } from '../../context'
import { DefaultsSection } from './DefaultsSection'
import { KeysSection } from './KeysSection'
import { LanguageSection } from './LanguageSection'
import { LimitsSection } from './LimitsSection'
import { PricesSection } from './PricesSection'
import { ProviderSection } from './ProviderSection'
import { TemplatesSection } from './TemplatesSection'
import { useSettingsView } from './useSettings'

const SECTIONS: readonly SettingsSection[] = [
  'keys',
  'provider',
  'limits',
  'defaults',
  'prices',
  'templates',
  'language'
]

const PANELS: Record<SettingsSection, () => React.JSX.Element> = {
  keys: KeysSection,
  provider: ProviderSection,
  limits: LimitsSection,
  defaults: DefaultsSection,
  prices: PricesSection,
  templates: TemplatesSection,
  language: LanguageSection
}

interface SettingsDialogProps {
  section: SettingsSection
  onSection(section: SettingsSection): void
  onClose(): void
}

/** Settings, as a modal dialog with its sections as tabs; Esc closes it. */
export function SettingsDialog({
  section,
  onSection,
  onClose
}: SettingsDialogProps): React.JSX.Element {
  const { t } = useTranslation()
  const view = useSettingsView()
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog && !dialog.open) dialog.showModal?.()
  }, [])
  const Panel = PANELS[section]
  return (
    <dialog
      ref={ref}
      className="dialog settings"
      aria-labelledby="settings-title"
      onClose={onClose}
      data-testid="settings"
    >
      <header className="dialog-header">
        <h2 id="settings-title">{t('settings.title')}</h2>
        <button type="button" className="ghost" aria-label={t('settings.close')} onClick={onClose}>
          ✕
        </button>
      </header>
      {view?.notices.setAside && (
        <p className="settings-notice" role="alert">
          {t('settings.setAside', { path: view.notices.setAside })}
        </p>
      )}
      <div className="settings-body">
        <nav className="settings-tabs" role="tablist" aria-label={t('settings.title')}>
          {SECTIONS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`settings-tab-${id}`}
              aria-selected={id === section}
              aria-controls="settings-panel"
              className={id === section ? 'settings-tab settings-tab-open' : 'settings-tab'}
              onClick={() => onSection(id)}
            >
              {t(`settings.tabs.${id}`)}
            </button>
          ))}
        </nav>
        <section
          id="settings-panel"
          role="tabpanel"
          className="settings-panel"
          aria-labelledby={`settings-tab-${section}`}
        >
          {view ? <Panel /> : <p className="muted">{t('app.starting')}</p>}
        </section>
      </div>
    </dialog>
  )
}
