import { describe, expect, it } from 'vitest'
import type { QueueRow } from '@shared/domain/queue'
import { summarizeQueue, visibleIds } from '../../src/renderer/src/features/queue/filters'
import { ruleText } from '../../src/renderer/src/words/rules'
import { createI18n } from '../../src/renderer/src/i18n'

const field = (value: string) => [{ name: 'title', label: 'Title', value }]
const ROWS: QueueRow[] = [
  {
    id: 'a',
    name: 'SHOE-01.jpg',
    folder: '/p',
    status: 'review',
    fields: field('Trail running shoe in red mesh, extra long title that goes on'),
    review: 'Too long (61 of 40 characters)',
    rule: { code: 'tooLong', params: { length: 61, max: 40 } }
  },
  {
    id: 'b',
    name: 'BAG-7.jpg',
    folder: '/p',
    status: 'review',
    fields: field('Leather bag'),
    review: 'Must not use “cheap”',
    rule: { code: 'mustNotUse', params: { word: 'cheap' } }
  },
  { id: 'c', name: 'HAT-2.jpg', folder: '/p', status: 'done', fields: field('Wool hat, red') }
]
const rows = new Map(ROWS.map((row) => [row.id, row]))
const ids = ROWS.map((row) => row.id)

describe('the review filters', () => {
  it('by failing check, counted; by text in the answers as well as the file names', () => {
    expect(summarizeQueue(rows).checks).toEqual([
      { code: 'tooLong', count: 1 },
      { code: 'mustNotUse', count: 1 }
    ])
    expect(visibleIds(ids, rows, 'review', '', 'mustNotUse')).toEqual(['b'])
    expect(visibleIds(ids, rows, 'all', 'red')).toEqual(['a', 'c'])
    expect(visibleIds(ids, rows, 'all', 'bag-7')).toEqual(['b'])
    expect(visibleIds(ids, rows, 'review', 'red', 'tooLong')).toEqual(['a'])
  })

  it('words a rule in the window’s language from its code; the journal’s English without one', () => {
    const zh = createI18n('zh-CN').t
    const en = createI18n('en').t
    expect(ruleText(ROWS[0], zh)).toBe('过长（61 / 40 个字符）')
    expect(ruleText(ROWS[0], en)).toBe('Too long (61 of 40 characters)')
    expect(ruleText({ review: 'Too short (3 of at least 9 characters)' }, zh)).toBe(
      'Too short (3 of at least 9 characters)'
    )
  })

  it('words a list entry’s rule with its field and entry', () => {
    const zh = createI18n('zh-CN').t
    const rule = { code: 'tooLong', field: 'Tags', entry: 'toolong', params: { length: 7, max: 4 } }
    expect(ruleText({ rule }, zh)).toBe('Tags：“toolong”：过长（7 / 4 个字符）')
  })
})
