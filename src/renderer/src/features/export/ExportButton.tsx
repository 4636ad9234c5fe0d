import { useState } from 'react'
import { useApp, useWorkspaceState } from '../../context'

type Format = 'xlsx' | 'csv' | 'json'

const FORMATS: { id: Format; label: string }[] = [
  { id: 'xlsx', label: 'Excel (XLSX)' },
  { id: 'csv', label: 'CSV' },
  { id: 'json', label: 'JSON' }
]

/** Export: a format, thumbnails for XLSX, then the save dialog in main. Says where it went. */
export function ExportButton(): React.JSX.Element | null {
  const { bridge, act } = useApp()
  const isJob = useWorkspaceState((s) => s.view?.kind === 'job')
  const [open, setOpen] = useState(false)
  const [format, setFormat] = useState<Format>('xlsx')
  const [thumbnails, setThumbnails] = useState(true)
  const [saved, setSaved] = useState<string | null>(null)
  if (!isJob) return null
  const save = async (): Promise<void> => {
    const result = await act(() =>
      bridge.export.save({ format, thumbnails: format === 'xlsx' && thumbnails })
    )
    if (result) {
      setSaved(`${result.rows} rows saved to ${result.path}`)
      setOpen(false)
    }
  }
  return (
    <div className="export">
      <button
        type="button"
        className="ghost"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        title="Export (Ctrl+E)"
      >
        ⤓ Export
      </button>
      {saved && !open && (
        <span className="muted small export-saved" role="status">
          {saved}
        </span>
      )}
      {open && (
        <div className="popover" role="dialog" aria-label="Export results">
          <fieldset>
            <legend className="small muted">Format</legend>
            {FORMATS.map((f) => (
              <label key={f.id} className="radio">
                <input
                  type="radio"
                  name="export-format"
                  checked={format === f.id}
                  onChange={() => setFormat(f.id)}
                />
                {f.label}
              </label>
            ))}
          </fieldset>
          {format === 'xlsx' && (
            <label className="check">
              <input
                type="checkbox"
                checked={thumbnails}
                onChange={(e) => setThumbnails(e.target.checked)}
              />
              Thumbnails in the sheet
            </label>
          )}
          <button type="button" className="primary" onClick={() => void save()}>
            Save…
          </button>
        </div>
      )}
    </div>
  )
}
