import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliSimulator, runArgs, runInProcess } from '../helpers/cli'
import { photoFolder } from '../helpers/job-fixtures'

const simulator = cliSimulator()
const SENTINEL = 'sk-test-SENTINEL-cli-7e6d5c4b3a29'

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

/** The key, or a telling part of it, anywhere in these texts. */
function leaks(text: string): boolean {
  return text.includes(SENTINEL) || text.includes(SENTINEL.slice(8, -4))
}

describe('a sentinel API key through the CLI, live and Batch', () => {
  for (const mode of ['live', 'batch'] as const)
    it(`${mode}: the key is in no output line, journal, job file, cache, summary or export`, async () => {
      process.env.PHOTOSCRIBE_BATCH_POLL_MS = '50'
      // The key the simulator accepts is the sentinel; a wrong one would fail the run.
      const sim = await simulator.use(
        { batch: { stepMs: 100 }, keys: { [SENTINEL]: {} } },
        SENTINEL
      )
      const { photos, dataDir } = await photoFolder(4)
      const out = join(dataDir, 'results.json')
      const extra = mode === 'batch' ? ['--batch', '--json'] : ['--json']
      const run = await runInProcess(runArgs(photos, out, dataDir, ...extra))
      expect(run.code).toBe(0)
      expect(sim.log.entries.filter((e) => e.status === 200).length).toBeGreaterThan(0)
      expect(leaks(run.out.join('\n') + run.err)).toBe(false)
      const files = [...(await filesUnder(dataDir)), out]
      expect(files.some((f) => f.endsWith('journal.jsonl'))).toBe(true)
      for (const file of files) {
        if ((await stat(file)).size > 50_000_000) continue
        expect(leaks((await readFile(file)).toString('latin1')), file).toBe(false)
      }
    })
})
