import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import type { ResultRow } from '../../../src/core/export/rows'
import { MAX_CELL_CHARS, csvCell, csvCellText } from '../../../src/core/export/sanitize'
import { writeResults } from '../../../src/core/export/write-results'
import { tempDir } from '../../helpers/temp'

const FIELDS = [
  { name: 'title', label: 'Title', type: 'string', rules: { maxLength: 70 } },
  { name: 'tags', label: 'Tags', type: 'string[]' }
]
const INJECTIONS = [
  '=HYPERLINK("http://evil","x")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '\tTAB',
  '\rCR',
  '\nLF',
  '＝1+1',
  '＋1',
  '－1',
  '＠x'
]

function row(i: number, title: string, extra: Partial<ResultRow> = {}): ResultRow {
  return {
    file: `IMG_${i}.jpg`,
    folder: '/shop/shoes',
    relative: `shoes/IMG_${i}.jpg`,
    sku: `IMG_${i}`,
    status: 'done',
    verdict: '',
    reason: '',
    fields: { title, tags: ['red', 'shoe'] },
    model: 'gpt-4o',
    tokensIn: 300,
    tokensOut: 40,
    costUsd: 0.0012,
    durationMs: 900,
    fromCache: false,
    ...extra
  }
}

const tempFile = async (name: string): Promise<string> => join(await tempDir('export'), name)

describe('formula injection in CSV', () => {
  it.each(INJECTIONS)('neutralises a cell starting with %j', (text) => {
    expect(csvCell(text)).toBe(`'${text}`)
  })
  it.each([
    ['x;=1+1;@SUM(2+3)', "x;'=1+1;'@SUM(2+3)"],
    ['a,+1', "a,'+1"],
    [' =1+1', "' =1+1"],
    [' =1+1', "' =1+1"],
    ['x|-1', "x|'-1"],
    ['x;  @A1', "x;'  @A1"]
  ])('neutralises a trigger after a list separator or spaces: %j', (text, safe) => {
    expect(csvCell(text)).toBe(safe)
  })
  it('leaves ordinary text alone and cuts text over 32,767 characters with a marker', () => {
    expect(csvCell('Leather boots – 20% off')).toBe('Leather boots – 20% off')
    const cut = csvCell('x'.repeat(40_000))
    expect(cut).toHaveLength(MAX_CELL_CHARS)
    expect(cut.endsWith('…[cut]')).toBe(true)
  })
})

describe('XLSX export', () => {
  it.each([
    ['in memory', 0],
    ['streamed (over 5,000 rows)', 5_000]
  ])(
    'puts the copy first on "Copy": path below the folder, SKU, each field wrapped with a live character count, status; run facts on "Details"; printable; text as strings (%s)',
    async (_how, filler) => {
      const path = await tempFile('results.xlsx')
      const rows = [
        row(1, 'Red running shoe'),
        ...INJECTIONS.map((text, i) => row(i + 2, text)),
        row(99, '', { status: 'failed', reason: 'corrupt header', fields: {} })
      ]
      const failedAt = rows.length + 1
      for (let i = 0; i < filler; i++) rows.push(row(1000 + i, `Filler ${i}`))
      await writeResults(path, rows, FIELDS)
      const book = new ExcelJS.Workbook()
      await book.xlsx.readFile(path)
      expect(book.worksheets.map((s) => s.name)).toEqual(['Copy', 'Details'])
      const sheet = book.getWorksheet('Copy')!
      expect(sheet.getRow(1).values).toEqual([
        undefined,
        'File',
        'SKU',
        'Title',
        'Title (characters)',
        'Tags',
        'Status'
      ])
      expect(sheet.getRow(1).font?.bold).toBe(true)
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
      expect(sheet.autoFilter).toBeTruthy()
      expect(sheet.getRow(2).values).toEqual([
        undefined,
        'shoes/IMG_1.jpg',
        'IMG_1',
        'Red running shoe',
        { formula: 'LEN(C2)', result: 16 },
        'red, shoe',
        'done'
      ])
      expect(sheet.getColumn(3).alignment).toMatchObject({ wrapText: true, vertical: 'top' })
      expect(sheet.pageSetup).toMatchObject({
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '1:1'
      })
      INJECTIONS.forEach((text, i) => {
        const cell = sheet.getRow(i + 3).getCell(3)
        // A typed string cell, never a formula, and no stray quote ("+20% off" stays as written).
        expect(cell.type).toBe(ExcelJS.ValueType.String)
        expect(cell.value).toBe(text.replace(/\r/g, '\n'))
      })
      expect(sheet.getRow(failedAt).getCell(6).value).toBe('failed')
      const details = book.getWorksheet('Details')!
      expect(details.getRow(1).values).toEqual([
        undefined,
        'File',
        'Folder',
        'Reason',
        'Model',
        'Tokens in',
        'Tokens out',
        'Cost (USD)',
        'Duration (ms)',
        'From cache'
      ])
      // An empty text cell reads back as '' or as blank, as the writer stored it.
      const blank = (values: unknown): unknown[] => {
        const cells = (values as unknown[]).map((v) => (v === '' ? undefined : v))
        while (cells.length > 0 && cells.at(-1) === undefined) cells.pop()
        return cells
      }
      expect(blank(details.getRow(2).values)).toEqual(
        blank([undefined, 'shoes/IMG_1.jpg', '/shop/shoes', '', 'gpt-4o', 300, 40, 0.0012, 900, ''])
      )
      expect(details.getRow(failedAt).getCell(3).value).toBe('corrupt header')
    }
  )

  it('embeds thumbnails when asked', async () => {
    const path = await tempFile('pics.xlsx')
    const sharp = (await import('sharp')).default
    const jpeg = await sharp({ create: { width: 80, height: 80, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer()
    await writeResults(path, [row(1, 'A'), row(2, 'B')], FIELDS, { thumbnail: () => jpeg })
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path)
    const sheet = book.getWorksheet('Copy')!
    expect(sheet.getImages()).toHaveLength(2)
    expect(sheet.getRow(1).getCell(1).value).toBe('Thumbnail')
  })

  it('streams 100,000 rows with bounded memory (heap growth under 150 MB)', async () => {
    const path = await tempFile('big.xlsx')
    const rows = Array.from({ length: 100_000 }, (_, i) =>
      row(i, `Product title number ${i} with a few more words`)
    )
    global.gc?.()
    const before = process.memoryUsage().heapUsed
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 25)
    await writeResults(path, rows, FIELDS)
    clearInterval(sampler)
    expect((peak - before) / 1024 / 1024).toBeLessThan(150)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path)
    const sheet = book.getWorksheet('Copy')!
    expect(sheet.rowCount).toBe(100_001)
    expect(sheet.getRow(100_001).getCell(1).value).toBe('shoes/IMG_99999.jpg')
    expect(book.getWorksheet('Details')!.rowCount).toBe(100_001)
  }, 120_000)
})

describe('CSV export', () => {
  it('writes UTF-8 with a BOM, CRLF, RFC 4180 quoting, and inert cells', async () => {
    const path = await tempFile('results.csv')
    await writeResults(
      path,
      [row(1, 'Zapatilla "ligera", roja\nnueva'), row(2, '=1+1'), row(3, 'Größe 42 – café')],
      FIELDS
    )
    const bytes = await readFile(path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8').slice(1)
    expect(text.split('\r\n')[0]).toBe(
      'File,Folder,Title,Tags,Status,Reason,Model,Tokens in,Tokens out,Cost (USD),Duration (ms)'
    )
    const book = new ExcelJS.Workbook()
    const sheet = await book.csv.readFile(path)
    expect(sheet.getRow(2).getCell(3).value).toBe('Zapatilla "ligera", roja\nnueva')
    expect(sheet.getRow(3).getCell(3).value).toBe("'=1+1")
    expect(sheet.getRow(4).getCell(3).value).toBe('Größe 42 – café')
    expect(sheet.getRow(2).getCell(4).value).toBe('red, shoe')
  })
})

describe('a failed export', () => {
  it('leaves the file that was there untouched, and no partial file behind', async () => {
    const dir = await tempDir('export-fail')
    const path = join(dir, 'edited.xlsx')
    await writeResults(path, [row(1, 'Kept')], FIELDS)
    const before = await readFile(path)
    const failing = {
      thumbnail: (r: ResultRow): Buffer | null => {
        if (r.file === 'IMG_2.jpg') throw new Error('disk full')
        return null
      }
    }
    await expect(writeResults(path, [row(1, 'New'), row(2, 'x')], FIELDS, failing)).rejects.toThrow(
      'disk full'
    )
    expect((await readFile(path)).equals(before)).toBe(true)
    const { readdir } = await import('node:fs/promises')
    expect(await readdir(dir)).toEqual(['edited.xlsx'])
  })
})

describe('edits brought back from a CSV', () => {
  it.each(['x;=1+1;@SUM(2+3)', ' =HYPERLINK("a")', "it's fine", "'quoted'", 'a, -20 %'])(
    'read back as written: %j',
    (text) => {
      expect(csvCellText(csvCell(text))).toBe(text)
    }
  )
})
