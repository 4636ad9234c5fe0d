import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TemplatePreview as Preview } from '@shared/templates/template-schema'
import { templateSchema, type TemplateInput } from '@shared/templates/template-schema'
import { useApp, useWorkspaceState } from '../../context'
import { useFormat } from '../../words/format'
import { SelectField } from './fields'

/** The request for one queued photo, built in main exactly as a run would, with tokens and cost. */
export function TemplatePreview({
  draft,
  valid
}: {
  draft: TemplateInput
  valid: boolean
}): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge, act } = useApp()
  const { money, count } = useFormat()
  const view = useWorkspaceState((s) => s.view)
  const rows = (view?.kind === 'draft' ? view.ids.slice(0, 200) : []).flatMap(
    (id) => view?.rows.get(id) ?? []
  )
  const [rowId, setRowId] = useState(rows[0]?.id ?? '')
  const [preview, setPreview] = useState<Preview | null>(null)
  return (
    <section className="settings-group template-preview" aria-label={t('templates.preview')}>
      <h4>{t('templates.preview')}</h4>
      {rows.length > 0 ? (
        <SelectField
          label={t('templates.previewPhoto')}
          value={rowId}
          options={rows.map((row) => ({ id: row.id, label: row.name }))}
          onChange={setRowId}
        />
      ) : (
        <p className="muted small">{t('templates.previewNoPhoto')}</p>
      )}
      <button
        type="button"
        className="small"
        disabled={!valid}
        data-testid="template-preview"
        onClick={() =>
          void act(() =>
            bridge.templates.preview({
              template: templateSchema.parse(draft),
              rowId: rowId || undefined
            })
          ).then((answer) => answer && setPreview(answer))
        }
      >
        {t('templates.previewButton')}
      </button>
      {preview && (
        <div data-testid="template-preview-result">
          <p className="small">
            {t('templates.previewTokens', {
              prompt: count(preview.promptTokens),
              image: count(preview.imageTokens),
              output: count(preview.outputTokens),
              cost: money(preview.costUsd)
            })}
            {preview.photo ? ` · ${preview.photo}` : ''}
          </p>
          {preview.photoProblem && (
            <p className="field-problem small">
              {t(`failure.${preview.photoProblem as 'damaged'}`)}
            </p>
          )}
          <pre className="request-body mono small">{preview.body}</pre>
        </div>
      )}
    </section>
  )
}
