import type { TemplatePreview } from '@shared/templates/template-schema'
import { previewTemplate, type JobSettings, type Template } from '../../core'
import { Draft } from './draft'
import type { Workspace } from './workspace'

/** The template editor's preview: the open queue's photo (the row asked for, else the first). */
export function templatePreview(
  ws: Workspace,
  template: Template,
  rowId?: string
): Promise<TemplatePreview> {
  const draft = ws.openDraft() ?? new Draft('preview', ws.defaultOptions(), () => {}, ws.service)
  const path = draft.pathOf(rowId ?? draft.rows()[0]?.id ?? '')
  const settings: JobSettings = { ...ws.settingsFor(draft), template, templateId: template.id }
  return previewTemplate(template, settings, path)
}
