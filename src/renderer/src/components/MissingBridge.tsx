import { useTranslation } from 'react-i18next'

/** Shown when the page runs without the preload (opened in a browser, or the preload failed). */
export function MissingBridge(): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <main className="fatal" role="alert">
      <h1>{t('app.missingTitle')}</h1>
      <p>{t('app.missingBody')}</p>
    </main>
  )
}
