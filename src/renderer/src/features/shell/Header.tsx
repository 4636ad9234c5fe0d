interface HeaderProps {
  onOpenSettings: () => void
}

/** The top bar: the product name and the Settings entry. */
export function Header({ onOpenSettings }: HeaderProps): React.JSX.Element {
  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◧
        </span>
        Photoscribe
      </div>
      <nav className="header-actions">
        <button type="button" className="ghost" onClick={onOpenSettings}>
          <span aria-hidden="true">⚙</span> Settings
        </button>
      </nav>
    </header>
  )
}
