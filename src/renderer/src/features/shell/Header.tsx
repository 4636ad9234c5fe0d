import { useTranslation } from 'react-i18next'
import { useWorkspaceState } from '../../context'
import { ExportButton } from '../export/ExportButton'

interface HeaderProps {
  onOpenSettings: () => void
  /** Shows or hides the jobs list (a laptop-sized window folds it away). */
  onToggleJobs: () => void
  jobsOpen: boolean
}

/** The top bar: the product name, the open job, Export and Settings. */
export function Header({ onOpenSettings, onToggleJobs, jobsOpen }: HeaderProps): React.JSX.Element {
  const { t } = useTranslation()
  const name = useWorkspaceState((s) => s.view?.name)
  const demo = useWorkspaceState((s) => s.view?.demo)
  return (
    <header className="header">
      <div className="brand">
        <button
          type="button"
          className="ghost jobs-toggle"
          aria-expanded={jobsOpen}
          onClick={onToggleJobs}
          data-testid="jobs-toggle"
        >
          ☰ {t('header.jobs')}
        </button>
        <span className="brand-mark" aria-hidden="true">
          ◧
        </span>
        Photoscribe
        {name && (
          <span className="header-job truncate" title={name}>
            {name}
            {demo && <span className="badge">{t('header.demo')}</span>}
          </span>
        )}
      </div>
      <nav className="header-actions">
        <ExportButton />
        <button
          type="button"
          className="ghost"
          onClick={onOpenSettings}
          data-testid="open-settings"
        >
          <span aria-hidden="true">⚙</span> {t('header.settings')}
        </button>
      </nav>
    </header>
  )
}
