import type { QueueRow } from '@shared/domain/queue'

export type Tone = 'grey' | 'blue' | 'amber' | 'green' | 'red'

/** A row's chip: its mark, colour and words (UI.md, "States people must recognise instantly"). */
export interface StatusWords {
  mark: string
  tone: Tone
  words: string
}

const CAUSE: Record<string, string> = {
  rate_limit: 'rate limit',
  network: 'connection problem',
  timeout: 'no answer in time',
  server: 'OpenAI had a problem'
}

/** The chip of a row; `retryInMs` counts down from when the row was heard of. */
export function statusWords(row: QueueRow, sinceMs = 0): StatusWords {
  switch (row.status) {
    case 'listed':
    case 'waiting':
      return { mark: '○', tone: 'grey', words: 'Waiting' }
    case 'preparing':
      return { mark: '◌', tone: 'grey', words: 'Preparing photo' }
    case 'capacity':
      return { mark: '◷', tone: 'blue', words: 'Waiting for rate limit' }
    case 'writing':
      return { mark: '↑', tone: 'blue', words: 'Writing…' }
    case 'retrying': {
      const seconds = Math.max(0, Math.ceil(((row.retryInMs ?? 0) - sinceMs) / 1000))
      const key = row.keyLabel ? ` (key "${row.keyLabel}")` : ''
      return {
        mark: '⟳',
        tone: 'amber',
        words: `Retrying in ${seconds} s — ${CAUSE[row.cause ?? ''] ?? 'temporary problem'}${key}`
      }
    }
    case 'done':
      return { mark: '✓', tone: 'green', words: firstLine(row) }
    case 'review':
      return { mark: '!', tone: 'amber', words: row.review ?? 'Needs review' }
    case 'failed':
      return { mark: '✗', tone: 'red', words: failureTitle(row.code) }
  }
}

/** The first line of the answer, for a done row. */
export function firstLine(row: QueueRow): string {
  return (row.fields?.[0]?.value ?? '').split('\n')[0] || 'Done'
}

const FAILURE: Record<string, string> = {
  damaged: 'file is damaged',
  not_an_image: 'not an image',
  unsupported_format: 'format not supported',
  heic_not_supported: 'HEIC not supported',
  vector_not_supported: 'vector images not supported',
  too_many_pixels: 'image too large',
  file_too_large: 'file too large',
  unreadable: "file can't be opened",
  rejected: 'file not added',
  rate_limit: 'rate limit kept failing',
  network: 'connection kept failing',
  timeout: 'no answer in time',
  transient: 'OpenAI kept failing',
  too_large: 'request too large for your limits',
  invalid: 'OpenAI refused the request',
  refusal: 'the model declined',
  filtered: 'blocked by the content filter',
  empty: 'empty answer',
  truncated: 'answer cut off',
  invalid_json: 'answer was not valid JSON',
  rule: 'answer broke a rule',
  quota: 'out of credit',
  auth: 'key not accepted',
  config: 'setting refused by the API'
}

/** A failure's cause in a few words (group titles, chips); the row's reason says the rest. */
export function failureTitle(code: string | undefined): string {
  return FAILURE[code ?? ''] ?? 'failed'
}
