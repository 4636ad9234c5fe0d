import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { MAX_SHEET_ROWS, readTable } from '../../../src/core/files/read-table'
import { readProductSheet } from '../../../src/core/templates/product-sheet'
import { tempDir } from '../../helpers/temp'

/** Product sheets as Excel saves them in each locale: the brand names must come back as typed. */
const SHEETS: { encoding: string; bom?: boolean; brand: string; keywords: string }[] = [
  { encoding: 'gbk', brand: '华为智能手机', keywords: '高端 旗舰 拍照' },
  {
    encoding: 'gb18030',
    brand: '小米电视 𠮷',
    keywords: '大屏 高清 智能 家用 客厅 电视机 超薄 全面屏'
  },
  { encoding: 'shift_jis', brand: 'ソニー デジタルカメラ', keywords: '高画質 軽量' },
  { encoding: 'windows-1252', brand: 'Crème Brûlée Café', keywords: 'süß, Straße, Ærø' },
  { encoding: 'utf-16le', bom: true, brand: 'Müller 华为', keywords: 'Excel Unicode text' },
  { encoding: 'utf-16le', brand: 'Sans marque Ünïcode', keywords: 'no BOM at all' },
  { encoding: 'utf-16be', bom: true, brand: 'Big-endian Ölfass', keywords: 'rare but seen' },
  { encoding: 'utf-8', bom: true, brand: 'Ünïcode 日本', keywords: 'Excel CSV UTF-8' },
  { encoding: 'utf-8', brand: 'Plain UTF-8 ñ', keywords: 'no BOM' }
]

async function sheetIn(encoding: string, bom: boolean, text: string): Promise<string> {
  const path = join(await tempDir('sheet-enc'), `products-${encoding}.csv`)
  await writeFile(path, iconv.encode(text, encoding, { addBOM: bom }))
  return path
}

describe('product sheets in legacy encodings', () => {
  it.each(SHEETS)(
    'reads $encoding (BOM: $bom) as typed, and says which encoding it used',
    async (s) => {
      const text = `sku,brand,keywords\r\nMUG-1,${s.brand},"${s.keywords}"\r\nMUG-2,Other,x\r\n`
      const path = await sheetIn(s.encoding, Boolean(s.bom), text)
      const sheet = await readProductSheet(path)
      expect(sheet.context['mug-1']).toEqual({ brand: s.brand, keywords: s.keywords })
      const expected = s.encoding === 'gbk' ? 'gb18030' : s.encoding
      expect(sheet.encoding?.encoding).toBe(expected)
      expect(sheet.encoding?.how).toBe(
        s.bom ? 'bom' : s.encoding === 'utf-8' ? 'utf-8' : 'detected'
      )
    }
  )

  it('a chosen encoding overrides detection', async () => {
    const path = await sheetIn('windows-1252', false, 'sku,brand\nA1,Café\n')
    const chosen = await readProductSheet(path, { encoding: 'windows-1250' })
    expect(chosen.encoding).toEqual({ encoding: 'windows-1250', how: 'chosen' })
    expect(chosen.context['a1'].brand).toBe('Café')
    const wrong = await readProductSheet(path, { encoding: 'shift_jis' })
    expect(wrong.context['a1'].brand).not.toBe('Café')
  })
})

describe('a sheet over the row cap', () => {
  it('stops reading at the cap instead of holding every row (a 48 MB CSV of short rows)', async () => {
    const path = join(await tempDir('sheet-rows'), 'rows.csv')
    const row = 'A,b\n'
    await writeFile(path, 'sku,brand\n' + row.repeat(12_000_000))
    const before = process.memoryUsage().rss
    await expect(readTable(path)).rejects.toThrow(
      `more than ${MAX_SHEET_ROWS.toLocaleString('en')} rows`
    )
    // Held: the file's text, not 12 million parsed rows (which take gigabytes).
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024)
  })
})
