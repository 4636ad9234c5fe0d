import type { TFunction } from 'i18next'
import en from '@shared/i18n/locales/en.json'
import { problemKey } from '@shared/i18n/problems'
import { problemOf, type Problem } from '@shared/problem'

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
    'stopBeforeSwitch',
    'regenerating',
    'skuOneProduct',
    'skuNoMatch',
    'openJobFirst',
    'nothingRunning',
    'unknownField'
  ].map((code) => `problem.${code}`)
])

/**
 * A problem in words, in the app's language: a Problem from main, or a schema's message code
 * (`atMost:40`) with the field it is about. A field's problem reads "The base URL must be …"; a
 * sentence-problem (no key yet, a job moved) reads alone.
 */
export function problemText(problem: Problem | string, t: TFunction, field?: string): string {
  const parsed = typeof problem === 'string' ? problemOf(problem, field) : problem
  const key = problemKey(parsed)
  if (!key) return parsed.code
  const words = t(key as 'problem.required', { n: '', ...parsed.params })
  if (!parsed.field || SENTENCES.has(key)) return words
  return t('problemField', { field: fieldName(parsed.field, t), problem: words })
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
