import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TemplateInput } from '@shared/templates/template-schema'
import { useApp } from '../../context'
import { templateName } from '../../words/templates'
import { TemplateEditor } from './TemplateEditor'

type TemplateList = Awaited<ReturnType<ReturnType<typeof useApp>['bridge']['templates']['list']>>

const BLANK: TemplateInput = {
  id: 'my-template',
  name: '',
  instructions:
    'Write in {language}. Base everything on what the photo shows. {brand_note} {keywords_note} {context}',
  fields: [
    {
      name: 'description',
      label: 'Description',
      type: 'string',
      description: 'A product description.',
      rules: { minLength: 80, maxLength: 300 }
    }
  ],
  maxCompletionTokens: 400
}

/** Templates: built-ins to copy, saved ones to edit, export or delete; JSON import; the editor. */
export function TemplatesSection(): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge, act } = useApp()
  const [list, setList] = useState<TemplateList | null>(null)
  const [editing, setEditing] = useState<TemplateInput | null>(null)
  const [exported, setExported] = useState<string | null>(null)
  useEffect(() => {
    void act(() => bridge.templates.list()).then((answer) => answer && setList(answer))
  }, [bridge, act])
  if (editing)
    return (
      <TemplateEditor
        initial={editing}
        onDone={(next) => {
          if (next) setList(next)
          setEditing(null)
        }}
      />
    )
  const copyOf = (template: TemplateInput): TemplateInput => ({
    ...structuredClone(template),
    id: `${template.id}-copy`.slice(0, 48),
    name: t('templates.copyName', { name: templateName(template, t) })
  })
  const exportOne = async (id: string): Promise<void> => {
    const result = await act(() => bridge.templates.exportFile({ id }))
    if (result) setExported(result.path)
  }
  return (
    <div className="settings-section" data-testid="settings-templates">
      <h3>{t('settings.tabs.templates')}</h3>
      <div className="settings-save">
        <button
          type="button"
          className="primary"
          onClick={() => setEditing(structuredClone(BLANK))}
        >
          {t('templates.new')}
        </button>
        <button
          type="button"
          onClick={() =>
            void act(() => bridge.templates.importFile()).then(
              (answer) => answer && setList(answer)
            )
          }
        >
          {t('templates.import')}
        </button>
        {exported && (
          <span className="muted small" role="status">
            {t('templates.exported', { path: exported })}
          </span>
        )}
      </div>
      <h4>{t('templates.saved')}</h4>
      {list && list.saved.length === 0 && <p className="muted small">{t('templates.noneSaved')}</p>}
      <ul className="template-list">
        {list?.saved.map((template) => (
          <TemplateItem
            key={template.id}
            template={template}
            edit={{ label: t('queue.edit'), run: () => setEditing(template) }}
            onExport={() => void exportOne(template.id)}
            onRemove={() =>
              void act(() => bridge.templates.remove({ id: template.id })).then(
                (answer) => answer && setList(answer)
              )
            }
          />
        ))}
      </ul>
      <h4>{t('templates.builtins')}</h4>
      <ul className="template-list">
        {list?.builtins.map((template) => (
          <TemplateItem
            key={template.id}
            template={template}
            edit={{ label: t('templates.duplicate'), run: () => setEditing(copyOf(template)) }}
            onExport={() => void exportOne(template.id)}
          />
        ))}
      </ul>
    </div>
  )
}

/** One template in a list: its name and id, Edit (or Duplicate), Export, and Remove for the user's. */
function TemplateItem({
  template,
  edit,
  onExport,
  onRemove
}: {
  template: TemplateInput
  edit: { label: string; run(): void }
  onExport(): void
  onRemove?: () => void
}): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <li className="template-item">
      <span>
        <strong>{templateName(template, t)}</strong>{' '}
        <span className="mono muted small">{template.id}</span>
      </span>
      <span className="template-actions">
        <button type="button" className="small" onClick={edit.run}>
          {edit.label}
        </button>
        <button type="button" className="small ghost" onClick={onExport}>
          {t('templates.export')}
        </button>
        {onRemove && (
          <button type="button" className="small ghost danger" onClick={onRemove}>
            {t('keys.remove')}
          </button>
        )}
      </span>
    </li>
  )
}
