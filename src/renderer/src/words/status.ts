import { ruleText } from './rules'
import type { TFunction } from 'i18next'
import type { QueueRow } from '@shared/domain/queue'
import en from '@shared/i18n/locales/en.json'

export type Tone = 'grey' | 'blue' | 'amber' | 'green' | 'red'

/** A row's chip: its mark, colour and words (UI.md, "States people must recognise instantly"). */
export interface StatusWords {
  mark: string
  tone: Tone
  words: string
}

type CauseKey = keyof typeof en.cause
type FailureKey = keyof typeof en.failure

/** The chip of a row; `retryInMs` counts down from when the row was heard of. */
export function statusWords(row: QueueRow, t: TFunction, sinceMs = 0): StatusWords {
  switch (row.status) {
    case 'listed':
    case 'waiting':
      return { mark: '○', tone: 'grey', words: t('status.waiting') }
    case 'preparing':
      return { mark: '◌', tone: 'grey', words: t('status.preparing') }
    case 'capacity':
      return { mark: '◷', tone: 'blue', words: t('status.capacity') }
    case 'writing':
      return { mark: '↑', tone: 'blue', words: t('status.writing') }
    case 'retrying': {
      const n = Math.max(0, Math.ceil(((row.retryInMs ?? 0) - sinceMs) / 1000))
      const cause = t(
        `cause.${(row.cause ?? 'other') in en.cause ? (row.cause as CauseKey) : 'other'}`
      )
      const words = row.keyLabel
        ? t('status.retryingKey', { n, cause, key: row.keyLabel })
        : t('status.retrying', { n, cause })
      return { mark: '⟳', tone: 'amber', words }
    }
    case 'done':
      return { mark: '✓', tone: 'green', words: firstLine(row) || t('status.done') }
    case 'review':
      return { mark: '!', tone: 'amber', words: ruleText(row, t) ?? t('status.review') }
    case 'approved':
      return { mark: '✔', tone: 'green', words: t('status.approved') }
    case 'rejected':
      return { mark: '⊘', tone: 'grey', words: t('status.rejected') }
    case 'failed':
      return { mark: '✗', tone: 'red', words: failureTitle(row.code, t) }
    case 'batched':
      return { mark: '◴', tone: 'blue', words: batchedWords(row.batch, t) }
  }
}

/** The first line of the answer, for a done row ('' when it has none). */
export function firstLine(row: QueueRow): string {
  return (row.fields?.[0]?.value ?? '').split('\n')[0]
}

/** A failure's cause in a few words (group titles, chips); the row's reason says the rest. */
export function failureTitle(code: string | undefined, t: TFunction): string {
  return t(`failure.${code && code in en.failure ? (code as FailureKey) : 'failed'}`)
}

type BatchStatusKey = keyof typeof en.batchStatus

/** "In batch 2 of 5 · in progress". */
export function batchedWords(batch: QueueRow['batch'], t: TFunction): string {
  if (!batch) return t('status.waiting')
  return t('status.batched', { n: batch.n, of: batch.of, status: batchStatusWord(batch.status, t) })
}

/** A batch's status in the window's words (validating, in progress, finalizing, …). */
export function batchStatusWord(status: string, t: TFunction): string {
  const key = status in en.batchStatus ? (status as BatchStatusKey) : 'other'
  return t(`batchStatus.${key}`)
}
