import { useEffect, useRef } from 'react'
import type { AppInfo } from '@shared/domain/app-info'

interface SettingsDialogProps {
  open: boolean
  info: AppInfo | null
  onClose: () => void
}

/** Settings, as a modal dialog. Its About section shows what main reported. */
export function SettingsDialog({ open, info, onClose }: SettingsDialogProps): React.JSX.Element {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="settings-title" onClose={onClose}>
      <header className="dialog-header">
        <h2 id="settings-title">Settings</h2>
        <button type="button" className="ghost" aria-label="Close settings" onClick={onClose}>
          ✕
        </button>
      </header>
      <section aria-label="About">
        <h3 className="section-title">About</h3>
        {info ? (
          <dl className="facts">
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Platform</dt>
            <dd>
              {info.platform} ({info.arch})
            </dd>
            <dt>Data folder</dt>
            <dd className="mono">{info.dataDir}</dd>
            <dt>Runtime</dt>
            <dd>
              {Object.entries(info.runtime)
                .map(([k, v]) => `${k} ${v}`)
                .join(' · ')}
            </dd>
          </dl>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>
    </dialog>
  )
}
