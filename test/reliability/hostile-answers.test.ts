import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { exportJob } from '../../src/core/export/export-job'
import { parseCsv } from '../../src/core/files/read-table'
import { countItems } from '../../src/core/jobs/job-state'
import { newJob } from '../../src/core/jobs/new-job'
import { photoFolder, testSettings } from '../helpers/job-fixtures'
import { runJobOnSim } from '../helpers/job-run'
import { simulatorPerTest } from '../helpers/sim'

const sims = simulatorPerTest()
const SOFFICE = '/usr/bin/soffice'
if (!existsSync(SOFFICE))
  console.log('Skipping the LibreOffice open of hostile answers: no /usr/bin/soffice.')

const PHOTOS = 40
// What a spreadsheet would run, at the start of a cell (spaces allowed before it).
const FORMULA_START = /^[ \u00A0]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/
// eslint-disable-next-line no-control-regex -- the characters the test looks for
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/
const FIELD_HEADERS = ['Product title', 'Meta description', 'Alt text', 'Tags']

/** Runs a listing-pack job (four JSON fields) into answers an attacker or a broken server wrote. */
async function hostileRun(): Promise<{
  dataDir: string
  job: Awaited<ReturnType<typeof runJobOnSim>>['job']
}> {
  const sim = await sims.start({
    latencyMs: 5,
    seed: 7,
    defaultKey: { rpm: 10_000, tpm: 10_000_000 },
    answerFaults: { formulaTrigger: 0.3, controlChars: 0.3, huge: 0.15, invalidJson: 0.15 }
  })
  const { photos, dataDir } = await photoFolder(PHOTOS)
  const created = await newJob(dataDir, testSettings([photos], { templateId: 'listing-pack' }))
  const { job } = await runJobOnSim(dataDir, created.id, { sim })
  // A re-ask (no photo) quotes a runaway answer cut: it would otherwise pay ~85k prompt tokens.
  const reasks = sim.log.entries.filter((e) => e.images?.length === 0)
  expect(reasks.length).toBeGreaterThan(0)
  for (const reask of reasks) expect(reask.promptTokens).toBeLessThan(2_500)
  const drawn = sim.log.entries.map((e) => e.outcome)
  for (const fault of ['formulaTrigger', 'controlChars', 'huge', 'invalidJson'])
    expect(drawn, `the simulator sent ${fault}`).toContain(`answer:${fault}`)
  return { dataDir, job }
}

describe('hostile model answers', () => {
  it('formula triggers, control characters, 100 KB and broken JSON: each photo gets its own result, the exports stay text', async () => {
    const { dataDir, job } = await hostileRun()
    const items = [...job.state.items.values()]
    const counts = countItems(job.state)
    expect(counts.done + counts.failed).toBe(PHOTOS)
    for (const item of items.filter((i) => i.status === 'failed'))
      expect(item.reason, item.id).toBe('The answer was not valid JSON.')
    expect(counts.failed).toBeGreaterThan(0)
    for (const item of items)
      expect(JSON.stringify(item.result?.fields ?? {}), item.id).not.toMatch(CONTROL)
    // A 100 KB answer breaks the length rules: re-asked once, then kept for review, never lost.
    const huge = items.filter((i) => JSON.stringify(i.result?.fields ?? {}).length > 50_000)
    for (const item of huge) expect(item.result?.review, item.id).toBeTruthy()

    const csvPath = join(dataDir, '..', 'hostile.csv')
    await exportJob(job, csvPath, dataDir)
    const [header, ...rows] = parseCsv(await readFile(csvPath, 'utf8'))
    expect(rows).toHaveLength(PHOTOS)
    const columns = FIELD_HEADERS.map((h) => header.indexOf(h))
    expect(columns).not.toContain(-1)
    const cells = rows.flatMap((row) => columns.map((c) => row[c]))
    expect(cells.some((cell) => cell.startsWith("'="))).toBe(true)
    for (const cell of cells) {
      expect(cell).not.toMatch(FORMULA_START)
      expect(cell).not.toMatch(CONTROL)
      expect(cell.length).toBeLessThanOrEqual(32_767)
    }

    const xlsxPath = join(dataDir, '..', 'hostile.xlsx')
    await exportJob(job, xlsxPath, dataDir)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(xlsxPath)
    const sheet = book.worksheets[0]
    const named = (sheet.getRow(1).values as string[]).slice(1)
    const xlsxColumns = FIELD_HEADERS.map((h) => named.indexOf(h))
    expect(xlsxColumns).not.toContain(-1)
    sheet.eachRow((row, n) => {
      if (n === 1) return
      for (const c of xlsxColumns) {
        const cell = row.getCell(c + 1)
        expect([ExcelJS.ValueType.String, ExcelJS.ValueType.Null], cell.address).toContain(
          cell.type
        )
      }
    })
    if (existsSync(SOFFICE)) expectCalcShowsText(xlsxPath)
  }, 90_000)
})

/** LibreOffice opens the XLSX (a control character would make it refuse) and shows text, not results. */
function expectCalcShowsText(xlsxPath: string): void {
  const dir = join(xlsxPath, '..')
  execFileSync(
    SOFFICE,
    [
      `-env:UserInstallation=file://${dir}/lo-profile`,
      '--headless',
      '--convert-to',
      'csv',
      '--outdir',
      join(dir, 'calc'),
      xlsxPath
    ],
    { stdio: 'ignore', timeout: 90_000 }
  )
  const shown = parseCsv(execFileSync('cat', [join(dir, 'calc', 'hostile.csv')]).toString())
  expect(shown).toHaveLength(PHOTOS + 1)
  expect(shown.flat().some((cell) => cell.startsWith('=HYPERLINK('))).toBe(true)
  expect(shown.flat()).not.toContain('click')
}
