import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { foldJournal } from '../../../src/core/jobs/job-state'
import { writeShopFiles } from '../../../src/core/export/shop/write-shop'
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
  return rich ? rich.map((run) => run.text).join('') : String(value)
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
