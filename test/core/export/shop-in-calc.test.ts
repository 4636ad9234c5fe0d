import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { foldJournal } from '../../../src/core/jobs/job-state'
import { writeShopFiles } from '../../../src/core/export/shop/write-shop'
import { writeResults } from '../../../src/core/export/write-results'
import { SHOP_FORMATS } from '../../../src/core/export/shop/formats'
import { convert, hasCalc } from '../../helpers/calc'
import { testSettings } from '../../helpers/job-fixtures'
import { answeredEvents } from '../../helpers/answered'
import { tempDir } from '../../helpers/temp'

/** Copy that tests a file's quoting and encoding: accents, CJK, quotes, commas, several lines. */
const TITLES = ['Camiseta “Größe” — ñandú', '陶瓷马克杯, 350 ml', 'Lamp "Arc", brass\nsecond line']

function job() {
  const events = TITLES.flatMap((title, i) =>
    answeredEvents(`p${i}`, `/in/SKU-${i}_front.jpg`, {
      title,
      meta_description: `${title}; more`,
      alt_text: `alt ${i}`,
      tags: ['a']
    })
  )
  return {
    state: foldJournal(events),
    settings: testSettings(['/in'], { skuPattern: '^(SKU-\\d+)' })
  }
}

/** A cell's text; Calc saves mixed scripts as rich text runs. */
function cellText(value: unknown): string {
  if (value === undefined || value === null) return ''
  const rich = (value as { richText?: { text: string }[] }).richText
  if (rich) return rich.map((run) => run.text).join('')
  // A formula: the value Calc computed for it.
  const computed = (value as { result?: unknown }).result
  return computed !== undefined ? String(computed) : String(value)
}

/** Every cell of a workbook's first sheet as text, row by row. */
async function cells(xlsx: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(xlsx)
  const rows: string[][] = []
  book.worksheets[0].eachRow((row) => {
    const values = (row.values as unknown[]).slice(1)
    rows.push(values.map(cellText))
  })
  return rows
}

describe.skipIf(!hasCalc)('shop files opened in LibreOffice Calc', () => {
  it.each(SHOP_FORMATS)(
    '%s opens with every cell as written',
    async (format) => {
      const { state, settings } = job()
      const separator = format === 'merchant' ? '\t' : ','
      const path = join(
        await tempDir('shop-calc'),
        `${format}.${format === 'merchant' ? 'tsv' : 'csv'}`
      )
      await writeShopFiles(path, format, state, settings, {
        groupBy: 'sku',
        approvedOnly: false,
        imageUrlBase: 'https://cdn.example.com/p/'
      })
      const opened = await cells(convert(path, 'xlsx', separator))
      const text = await readFile(path, 'utf8')
      const lines = format === 'merchant' ? text.split('\r\n').filter(Boolean) : null
      expect(opened).toHaveLength(4)
      const trimmed = (line: string): string => line.replace(/\t+$/, '')
      if (lines) expect(opened.map((row) => trimmed(row.join('\t')))).toEqual(lines.map(trimmed))
      const all = opened.flat().join('\n')
      for (const title of TITLES) {
        const shown = format === 'merchant' ? title.replace(/\s+/g, ' ').replace(/"/g, '”') : title
        expect(all).toContain(shown)
      }
    },
    60_000
  )
})

describe('a large results workbook (our streamed writer) in LibreOffice Calc', () => {
  it.skipIf(!hasCalc)(
    'opens whole: every row, the texts as written, the live character counts computed',
    async () => {
      const dir = await tempDir('calc-xlsx')
      const path = join(dir, 'results.xlsx')
      const rows = Array.from({ length: 5_001 }, (_, i) => ({
        file: `SKU-${i}_front.jpg`,
        folder: '/in',
        relative: `SKU-${i}_front.jpg`,
        sku: `SKU-${i}`,
        status: 'done' as const,
        verdict: 'approved' as const,
        reason: '',
        fields: { title: `${TITLES[i % 3]} ${i}`, tags: ['a', 'b'] },
        model: 'gpt-5.4-mini',
        tokensIn: 300,
        tokensOut: 40,
        costUsd: 0.001,
        durationMs: 900,
        fromCache: false
      }))
      const fields = [{ name: 'title', label: 'Title', type: 'string' }]
      await writeResults(path, rows, fields)
      const opened = await cells(convert(path, 'xlsx'))
      expect(opened).toHaveLength(5_002)
      expect(opened[0]).toEqual(['File', 'SKU', 'Title', 'Title (characters)', 'Status'])
      const last = opened.at(-1)!
      expect(last.slice(0, 3)).toEqual([
        'SKU-5000_front.jpg',
        'SKU-5000',
        `${TITLES[5000 % 3]} 5000`
      ])
      expect(Number(last[3])).toBe([...`${TITLES[5000 % 3]} 5000`].length)
    },
    120_000
  )
})
