import type { AppInfo } from '@shared/domain/app-info'

interface StatusBarProps {
  info: AppInfo | null
  error: string | null
}

/** The bottom bar: run progress later; for now the app's version, platform and data folder. */
export function StatusBar({ info, error }: StatusBarProps): React.JSX.Element {
  if (error)
    return <footer className="statusbar statusbar-error">Couldn’t read app info: {error}</footer>
  if (!info) return <footer className="statusbar muted">Starting…</footer>
  return (
    <footer className="statusbar" data-testid="app-info">
      <span>
        {info.name} {info.version}
      </span>
      <span className="muted">
        {info.platform} · {info.arch}
      </span>
      <span className="muted truncate" title={info.dataDir}>
        Data: {info.dataDir}
      </span>
    </footer>
  )
}
