import { useTranslation } from 'react-i18next'
import type { JobOptions } from '@shared/domain/job-options'

/**
 * "Also in": languages answered besides the main one, in the same request per photo (a field per
 * language; the estimate and the export follow). The chosen ones show as chips to take off; a
 * picker adds another, so the form stays one line until languages are chosen.
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
  const offered = languages.filter((l) => l !== options.language && !more.includes(l))
  const without = (language: string): void => {
    const next = more.filter((l) => l !== language)
    onChange(next.length > 0 ? next : null)
  }
  return (
    <div className="field-row more-languages" data-testid="more-languages">
      <span className="small muted">{t('run.alsoIn')}</span>
      <div className="language-chips">
        {more.map((language) => (
          <button
            key={language}
            type="button"
            className="small chip-toggle on"
            aria-label={t('run.removeLanguage', { language })}
            onClick={() => without(language)}
          >
            {language} ×
          </button>
        ))}
        {offered.length > 0 && (
          <select
            className="small"
            aria-label={t('run.alsoIn')}
            value=""
            onChange={(event) => onChange([...more, event.target.value])}
          >
            <option value="">{t('run.addLanguage')}</option>
            {offered.map((language) => (
              <option key={language}>{language}</option>
            ))}
          </select>
        )}
      </div>
    </div>
  )
}
