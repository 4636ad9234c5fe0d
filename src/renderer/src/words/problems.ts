import type { TFunction } from 'i18next'
import en from '@shared/i18n/locales/en.json'
import { problemParts } from '@shared/i18n/problems'

type FieldKey = keyof typeof en.field
const SENTENCES = new Set([
  'problem.noKey',
  'problem.keysNotAtHand',
  'problem.noKeyForModel',
  'problem.keysOtherEndpoint',
  'problem.endpointMoved',
  ...[
    'liveNoBatches',
    'editNeedsAnswer',
    'sheetUnusable',
    'sheetFirst',
    'nothingToRun',
    'sampleNeedsPhotos',
    'noReadablePhotos',
    'alreadyRunning',
    'stopBeforeMove',
    'openJobFirst',
    'nothingRunning'
  ].map((code) => `problem.${code}`)
])

/** A problem code from a schema or main (`atMost:40`), with the field it is about, in words. */
export function problemText(problem: string, t: TFunction, field?: string): string {
  const parts = problemParts(problem)
  if (!parts) return problem
  const words = t(parts.key as 'problem.required', { n: parts.n })
  if (!field || SENTENCES.has(parts.key)) return words
  return t('problemField', { field: fieldName(field, t), problem: words })
}

/**
 * A field's name from its dotted path: the last part the catalog names (`provider.azure.apiVersion`
 * → "The API version", `provider.azure.deployments.gpt-4.1-mini` → "A deployment").
 */
export function fieldName(path: string, t: TFunction): string {
  if (/^fields\.\d+\.name$/.test(path)) return t('field.columnName')
  if (/^fields\.\d+\.label$/.test(path)) return t('field.fieldLabel')
  const known = path
    .split('.')
    .reverse()
    .find((part) => part in en.field)
  return known ? t(`field.${known as FieldKey}`) : path
}
