import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { ResultRow } from '../../../src/core/export/rows'
import { writeResults } from '../../../src/core/export/write-results'
import { convert, hasCalc } from '../../helpers/calc'
import { tempDir } from '../../helpers/temp'

const HOSTILE = [
  'x;=1+1;@SUM(2+3)',
  'x,=1+1',
  ' =HYPERLINK("http://evil","click")',
  '\u00A0+1+1',
  "=CMD|' /C calc'!A0",
  '+20% off'
]
const FIELDS = [{ name: 'title', label: 'Title' }]
const rows: ResultRow[] = HOSTILE.map((title, i) => ({
  file: `IMG_${i}.jpg`,
  folder: '',
  relative: `IMG_${i}.jpg`,
  sku: `IMG_${i}`,
  status: 'done',
  verdict: '',
  reason: '',
  fields: { title },
  model: 'gpt-4o',
  tokensIn: 1,
  tokensOut: 1,
  costUsd: 0,
  durationMs: 1,
  fromCache: false
}))

async function formulaCells(xlsx: string): Promise<string[]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(xlsx)
  const found: string[] = []
  book.worksheets[0].eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.type === ExcelJS.ValueType.Formula)
        found.push(`${cell.address}: ${JSON.stringify(cell.value)}`)
    })
  )
  return found
}

describe.skipIf(!hasCalc)('exports opened in LibreOffice Calc', () => {
  it.each([',', ';', '\t'])(
    'our CSV opened with list separator %j runs no formula',
    async (separator) => {
      const csv = join(await tempDir('calc'), 'results.csv')
      await writeResults(csv, rows, FIELDS)
      expect(await formulaCells(convert(csv, 'xlsx', separator))).toEqual([])
    },
    60_000
  )

  it('our XLSX runs no formula and shows the text as written', async () => {
    const xlsx = join(await tempDir('calc'), 'results.xlsx')
    await writeResults(xlsx, rows, FIELDS)
    const text = await readFile(convert(xlsx, 'csv'), 'utf8')
    // Calc's own CSV shows each cell's text: as written, not a formula's result.
    expect(text).toContain(',x;=1+1;@SUM(2+3),')
    expect(text).toContain(`,=CMD|' /C calc'!A0,`)
    expect(text).toContain(',+20% off,')
    expect(text).toContain('=HYPERLINK(""http://evil"",""click"")')
  }, 60_000)

  it('an answer holding U+FFFF, U+FFFE or U+0001 leaves the XLSX whole: Calc shows every text cell', async () => {
    const odd = ['Green \uFFFF bottle', 'Red\uFFFE mug', 'Blue\u0001 vase', 'Lone \uD800 surrogate']
    const oddRows: ResultRow[] = odd.map((title, i) => ({
      ...rows[0],
      file: `ODD_${i}.jpg`,
      relative: `ODD_${i}.jpg`,
      fields: { title }
    }))
    const dir = await tempDir('calc')
    const xlsx = join(dir, 'odd.xlsx')
    await writeResults(xlsx, oddRows, FIELDS)
    const text = await readFile(convert(xlsx, 'csv'), 'utf8')
    for (const [i, want] of [
      'Green  bottle',
      'Red mug',
      'Blue vase',
      'Lone  surrogate'
    ].entries()) {
      expect(text).toContain(`ODD_${i}.jpg`)
      expect(text).toContain(want)
    }
    for (const format of ['csv', 'json', 'jsonl']) {
      const path = join(dir, `odd.${format}`)
      await writeResults(path, oddRows, FIELDS)
      const written = await readFile(path, 'utf8')
      for (const odd of ['\uFFFE', '\uFFFF', '\u0001']) expect(written).not.toContain(odd)
      expect(written).not.toMatch(/\\u(fff[ef]|0001|d800)/i)
    }
  }, 60_000)
})
