import { useTranslation } from 'react-i18next'
import type { JobOptions } from '@shared/domain/job-options'

/**
 * "Also in": languages answered besides the main one, in the same request per photo (a field per
 * language; the estimate and the export follow). Each is a toggle.
 */
export function MoreLanguages({
  options,
  languages,
  onChange
}: {
  options: JobOptions
  languages: readonly string[]
  onChange(more: string[] | null): void
}): React.JSX.Element {
  const { t } = useTranslation()
  const more = options.moreLanguages ?? []
  const toggle = (language: string): void => {
    const next = more.includes(language) ? more.filter((l) => l !== language) : [...more, language]
    onChange(next.length > 0 ? next : null)
  }
  return (
    <div className="field-row more-languages" data-testid="more-languages">
      <span className="small muted">{t('run.alsoIn')}</span>
      <div className="language-chips" role="group" aria-label={t('run.alsoIn')}>
        {languages
          .filter((language) => language !== options.language)
          .map((language) => (
            <button
              key={language}
              type="button"
              className={`small chip-toggle${more.includes(language) ? ' on' : ''}`}
              aria-pressed={more.includes(language)}
              onClick={() => toggle(language)}
            >
              {language}
            </button>
          ))}
      </div>
    </div>
  )
}
