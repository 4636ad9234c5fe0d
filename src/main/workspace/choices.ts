import type { Snapshot } from '@shared/domain/workspace'
import { MODEL_CATALOG } from '@shared/models/catalog'
import { BUILTIN_TEMPLATES, type Template, type TemplateStore } from '../../core'

/** Languages offered for the copy (any other can be typed). */
export const LANGUAGE_CHOICES = [
  'English',
  'Español',
  'Deutsch',
  'Français',
  'Italiano',
  'Português',
  'Nederlands',
  'Polski',
  '日本語',
  '简体中文'
]

/** The pickers' choices: templates by name, models with their prices per 1M tokens. */
export function choices(templates: readonly Template[]): Pick<Snapshot, 'templates' | 'models'> {
  return {
    templates: templates.map((t) => ({ id: t.id, name: t.name })),
    models: MODEL_CATALOG.map((m) => ({
      id: m.id,
      name: m.id,
      input: m.prices.input,
      output: m.prices.output
    }))
  }
}

/** The built-in templates and the saved ones (a saved one never replaces a built-in). */
export async function loadTemplates(store: TemplateStore): Promise<Template[]> {
  const custom = await store.list().catch(() => [])
  const ids = new Set(BUILTIN_TEMPLATES.map((t) => t.id))
  return [...BUILTIN_TEMPLATES, ...custom.filter((t) => !ids.has(t.id))]
}
