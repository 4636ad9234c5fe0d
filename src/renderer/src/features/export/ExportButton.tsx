import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { z } from 'zod'
import type { exportRoutes } from '@shared/ipc/routes/export'
import { SHOP_FORMATS, type ShopChoiceInput, type ShopFormat } from '@shared/domain/export-choice'
import { useApp, useWorkspaceState } from '../../context'
import { useSettingsView } from '../settings/useSettings'
import { ShopFields } from './ShopFields'

type Format = 'xlsx' | 'csv' | 'json' | ShopFormat | 'photos'

const TABLES: readonly Format[] = ['xlsx', 'csv', 'json']
const isShop = (format: Format): format is ShopFormat =>
  (SHOP_FORMATS as readonly string[]).includes(format)

/**
 * Export: a table (thumbnails for XLSX) or a shop's import file (grouping and where the photos
 * are published), approved rows or all, then the save dialog in main. Says where it went and
 * what to know about it (empty image URLs, shared handles, text too long).
 */
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
  const [saved, setSaved] = useState<string[] | null>(null)
  const remembered = useSettingsView()?.settings.shop
  const [shop, setShop] = useState<ShopChoiceInput | null>(null)
  const choice = shop ?? remembered ?? { groupBy: 'sku' }
  if (!isJob) return null
  const save = async (): Promise<void> => {
    const result = await act(() =>
      bridge.export.save({
        format,
        thumbnails: format === 'xlsx' && thumbnails,
        approvedOnly: approvedOnly && approved > 0,
        ...(isShop(format) ? { shop: { groupBy: 'sku' as const, ...choice } } : {})
      })
    )
    if (result) {
      setSaved(savedLines(result, t))
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
        <span className="muted small export-saved" role="status" title={saved.join('\n')}>
          {saved[0]}
          {saved.length > 1 && <span className="export-note"> · ⚠ {saved[1]}</span>}
        </span>
      )}
      {open && (
        <div className="popover" role="dialog" aria-label={t('export.title')}>
          <fieldset>
            <legend className="small muted">{t('export.format')}</legend>
            {[...TABLES, ...SHOP_FORMATS, 'photos' as const].map((id) => (
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
          {isShop(format) && <ShopFields choice={choice} onChange={setShop} />}
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

/** What a save says: where it went, then what to know about a shop file. */
function savedLines(
  result: NonNullable<z.infer<typeof exportRoutes.save.output>>,
  t: TFunction
): string[] {
  if (result.skipped !== undefined)
    return [
      t('export.savedPhotos', { n: result.rows, path: result.path }),
      ...(result.skipped > 0 ? [t('export.skippedPhotos', { n: result.skipped })] : [])
    ]
  const notes = result.shop
  if (!notes) return [t('export.saved', { n: result.rows, path: result.path })]
  return [
    t('export.savedShop', { n: result.rows, path: notes.files.join(', ') }),
    ...(notes.withoutUrl > 0 ? [t('export.withoutUrl', { n: notes.withoutUrl })] : []),
    ...(notes.collisions > 0 ? [t('export.collisions', { n: notes.collisions })] : []),
    ...notes.tooLong.map((long) => t('export.tooLong', long))
  ]
}

/** Rows approved in the review desk (the export can keep only those). */
function countApproved(rows: ReadonlyMap<string, { status: string }> | undefined): number {
  let n = 0
  for (const row of rows?.values() ?? []) if (row.status === 'approved') n++
  return n
}
