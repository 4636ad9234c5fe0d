import { useWorkspaceState } from '../../context'
import { ExportButton } from '../export/ExportButton'

interface HeaderProps {
  onOpenSettings: () => void
}

/** The top bar: the product name, the open job, Export and Settings. */
export function Header({ onOpenSettings }: HeaderProps): React.JSX.Element {
  const name = useWorkspaceState((s) => s.view?.name)
  const demo = useWorkspaceState((s) => s.view?.demo)
  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◧
        </span>
        Photoscribe
        {name && (
          <span className="header-job truncate" title={name}>
            {name}
            {demo && <span className="badge">demo</span>}
          </span>
        )}
      </div>
      <nav className="header-actions">
        <ExportButton />
        <button type="button" className="ghost" onClick={onOpenSettings}>
          <span aria-hidden="true">⚙</span> Settings
        </button>
      </nav>
    </header>
  )
}
