import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { loadJob } from '../../src/core/jobs/job-store'
import { parseCsv } from '../../src/core/files/read-table'
import { parseTemplate } from '../../src/core/templates/custom'
import { readProductSheet } from '../../src/core/templates/product-sheet'
import { cliSimulator, runArgs, runInProcess } from '../helpers/cli'
import { photoFolder } from '../helpers/job-fixtures'

const simulator = cliSimulator()
const useSimulator = simulator.use

const readBook = async (path: string): Promise<ExcelJS.Worksheet> => {
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(path)
  return book.getWorksheet('Copy')!
}

const customTemplate = {
  id: 'short-pitch',
  name: 'Short pitch',
  instructions: 'Write a one-line pitch and a color for {filename} in {language}.',
  fields: [
    {
      name: 'pitch',
      label: 'Pitch',
      type: 'string',
      description: 'A one-line pitch.',
      rules: { maxLength: 80 }
    },
    { name: 'color', label: 'Color', type: 'string', description: 'The main color.' }
  ],
  maxCompletionTokens: 200
}

describe('templates and spreadsheets from the command line', () => {
  it('writes an XLSX with one column per field and a thumbnail per row', async () => {
    const { photos, dataDir } = await photoFolder(3)
    await useSimulator()
    const out = join(dataDir, 'listing.xlsx')
    const { code } = await runInProcess(
      runArgs(photos, out, dataDir, '--template', 'attributes', '--thumbnails')
    )
    expect(code).toBe(0)
    const sheet = await readBook(out)
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual([
      'Thumbnail',
      'File',
      'SKU',
      ...['Category', 'Color', 'Material', 'Style', 'Pattern', 'Audience'].flatMap((f) => [
        f,
        `${f} (characters)`
      ]),
      'Status'
    ])
    expect(sheet.getImages()).toHaveLength(3)
  })

  it('runs a custom template file, and refuses a broken one naming the field', async () => {
    const { photos, dataDir } = await photoFolder(2)
    await useSimulator()
    const file = join(dataDir, '..', 'pitch.json')
    await writeFile(file, JSON.stringify(customTemplate))
    const out = join(dataDir, 'pitch.csv')
    expect((await runInProcess(runArgs(photos, out, dataDir, '--template', file))).code).toBe(0)
    const rows = parseCsv(await readFile(out, 'utf8'))
    expect(rows[0].slice(0, 4)).toEqual(['File', 'Folder', 'Pitch', 'Color'])
    expect(rows[1][3]).toMatch(/^color for photo [0-9a-f]{6}$/)
    await writeFile(
      file,
      JSON.stringify({
        ...customTemplate,
        fields: [{ ...customTemplate.fields[0], name: 'Bad Name' }]
      })
    )
    const broken = await runInProcess(runArgs(photos, out, dataDir, '--template', file))
    expect(broken.code).toBe(2)
    expect(broken.err).toContain(
      'Template "fields.0.name": may use only lower-case letters, digits and _'
    )
  })

  it('saves, lists and exports templates as JSON', async () => {
    const { dataDir } = await photoFolder(0)
    const file = join(dataDir, '..', 'in.json')
    await writeFile(file, JSON.stringify(customTemplate))
    expect(
      (await runInProcess(['templates', 'import', file, '--data-dir', dataDir])).out[0]
    ).toContain('Saved template "short-pitch"')
    expect((await runInProcess(['templates', 'list', '--data-dir', dataDir])).out.at(-1)).toMatch(
      /^short-pitch\s+yours\s+Short pitch \(Pitch, Color\) · prefix \d+ tokens, below the 1,024 a cache needs$/
    )
    // Each template says whether its requests can be billed at the cached price (never padded).
    const listed = (await runInProcess(['templates', 'list', '--data-dir', dataDir])).out
    expect(listed.every((line) => / · prefix \d+ tokens, /.test(line))).toBe(true)
    const exported = join(dataDir, '..', 'out.json')
    await runInProcess(['templates', 'export', 'listing-pack', exported, '--data-dir', dataDir])
    expect(
      parseTemplate(JSON.parse(await readFile(exported, 'utf8'))).fields.map((f) => f.name)
    ).toEqual(['title', 'meta_description', 'alt_text', 'tags'])
  })

  it('feeds a product sheet into the job, by file name or SKU', async () => {
    const { photos, dataDir } = await photoFolder(2)
    await useSimulator()
    const sheet = join(dataDir, '..', 'products.csv')
    await writeFile(
      sheet,
      '\uFEFFSKU,Brand,Keywords,Material\r\nIMG_0000,Acme,"mug, coffee",stoneware\r\nIMG_0001.jpg,Birch & Co,tea,porcelain\r\n'
    )
    expect(
      (
        await runInProcess(
          runArgs(photos, join(dataDir, 'r.json'), dataDir, '--products', sheet, '--json')
        )
      ).code
    ).toBe(0)
    const { context } = await readProductSheet(sheet)
    expect(context['img_0000']).toEqual({
      brand: 'Acme',
      keywords: 'mug, coffee',
      material: 'stoneware'
    })
    expect(context['img_0001']).toMatchObject({ brand: 'Birch & Co' })
  })

  it('round-trips: an edited XLSX updates the job, and the next export carries the edit', async () => {
    const { photos, dataDir } = await photoFolder(3)
    await useSimulator()
    const out = join(dataDir, 'results.xlsx')
    const first = await runInProcess(runArgs(photos, out, dataDir, '--json'))
    const jobId = (JSON.parse(first.out[0]) as { jobId: string }).jobId
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(out)
    book.getWorksheet('Copy')!.getRow(3).getCell(3).value =
      'Hand-edited: a blue ceramic mug, dishwasher safe, 350 ml — perfect for a slow morning coffee.'
    await book.xlsx.writeFile(out)
    const imported = await runInProcess(['import-edits', jobId, out, '--data-dir', dataDir])
    expect(imported.out[0]).toBe('1 updated, 2 unchanged, 0 not in the job')
    const job = await loadJob(dataDir, jobId)
    const edited = [...job.state.items.values()].find((i) => i.result?.edited)
    expect(edited?.result?.fields?.meta_description).toMatch(/^Hand-edited: a blue ceramic mug/)
    const again = join(dataDir, 'again.csv')
    await runInProcess(['run', '--resume', jobId, '--out', again, '--data-dir', dataDir])
    expect(parseCsv(await readFile(again, 'utf8'))[2][2]).toMatch(/^Hand-edited/)
  })
})
