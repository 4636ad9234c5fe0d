import { useEffect, useRef } from 'react'
import { useWorkspaceState } from '../../context'

interface SettingsDialogProps {
  open: boolean
  onClose: () => void
}

/** Settings, as a modal dialog. Its About section shows what main reported. */
export function SettingsDialog({ open, onClose }: SettingsDialogProps): React.JSX.Element {
  const info = useWorkspaceState((s) => s.info)
  const connection = useWorkspaceState((s) => s.snapshot?.connection)
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
      <section aria-label="API key">
        <h3 className="section-title">API key</h3>
        <p className="muted small">
          {connection?.hasKey
            ? `Using ${connection.keyLabel} from the environment, sending to ${connection.endpoint}.`
            : 'No key yet: set OPENAI_API_KEY before starting Photoscribe (keys are made at platform.openai.com/api-keys). Until then, the demo runs without one.'}
        </p>
      </section>
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
