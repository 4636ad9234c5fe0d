import type { TFunction } from 'i18next'
import en from '@shared/i18n/locales/en.json'

/** A template's name in the window's language: built-ins are translated, the user's shown as named. */
export function templateName(template: { id: string; name: string }, t: TFunction): string {
  return template.id in en.templateNames
    ? t(`templateNames.${template.id as keyof typeof en.templateNames}`)
    : template.name
}
