import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp, useWorkspaceState } from '../../context'

type Format = 'xlsx' | 'csv' | 'json'

const FORMATS: readonly Format[] = ['xlsx', 'csv', 'json']

/** Export: a format, thumbnails for XLSX, then the save dialog in main. Says where it went. */
export function ExportButton(): React.JSX.Element | null {
  const { bridge, act } = useApp()
  const { t } = useTranslation()
  const isJob = useWorkspaceState((s) => s.view?.kind === 'job')
  const [open, setOpen] = useState(false)
  const [format, setFormat] = useState<Format>('xlsx')
  const [thumbnails, setThumbnails] = useState(true)
  const [approvedOnly, setApprovedOnly] = useState(false)
  // Counted only while the dialog is open: not on every update of a 10,000-row queue.
  const approved = useWorkspaceState((s) => (open ? countApproved(s.view?.rows) : 0))
  const [saved, setSaved] = useState<string | null>(null)
  if (!isJob) return null
  const save = async (): Promise<void> => {
    const result = await act(() =>
      bridge.export.save({
        format,
        thumbnails: format === 'xlsx' && thumbnails,
        approvedOnly: approvedOnly && approved > 0
      })
    )
    if (result) {
      setSaved(t('export.saved', { n: result.rows, path: result.path }))
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
        title={t('header.exportTitle')}
      >
        <span aria-hidden="true">⤓</span> {t('header.export')}
      </button>
      {saved && !open && (
        <span className="muted small export-saved" role="status">
          {saved}
        </span>
      )}
      {open && (
        <div className="popover" role="dialog" aria-label={t('export.title')}>
          <fieldset>
            <legend className="small muted">{t('export.format')}</legend>
            {FORMATS.map((id) => (
              <label key={id} className="radio">
                <input
                  type="radio"
                  name="export-format"
                  checked={format === id}
                  onChange={() => setFormat(id)}
                />
                {t(`export.${id}`)}
              </label>
            ))}
          </fieldset>
          {approved > 0 && (
            <fieldset>
              <legend className="small muted">{t('export.which')}</legend>
              <label className="radio">
                <input
                  type="radio"
                  name="export-rows"
                  checked={!approvedOnly}
                  onChange={() => setApprovedOnly(false)}
                />
                {t('export.all')}
              </label>
              <label className="radio">
                <input
                  type="radio"
                  name="export-rows"
                  checked={approvedOnly}
                  onChange={() => setApprovedOnly(true)}
                />
                {t('export.approvedOnly', { n: approved })}
              </label>
            </fieldset>
          )}
          {format === 'xlsx' && (
            <label className="check">
              <input
                type="checkbox"
                checked={thumbnails}
                onChange={(e) => setThumbnails(e.target.checked)}
              />
              {t('export.thumbnails')}
            </label>
          )}
          <button type="button" className="primary" onClick={() => void save()}>
            {t('export.save')}
          </button>
        </div>
      )}
    </div>
  )
}

/** Rows approved in the review desk (the export can keep only those). */
function countApproved(rows: ReadonlyMap<string, { status: string }> | undefined): number {
  let n = 0
  for (const row of rows?.values() ?? []) if (row.status === 'approved') n++
  return n
}
