import type { Snapshot } from '@shared/domain/workspace'
import { MODEL_CATALOG } from '@shared/models/catalog'
import type { Template } from '../../core'

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
