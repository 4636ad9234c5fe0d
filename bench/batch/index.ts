import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import { cliCommand, folderOf, memoryOf, spawnChild } from '../cli-process'
import { makeCorpus } from '../preprocess/corpus'

/** Each batch status lasts this long in the simulator: a batch completes 3 steps after it is made. */
const STEP_MS = 4000
const POLL_MS = 1000

/** What one Batch job cost the CLI process, and how long each stage took. */
interface BatchMeasure {
  photos: number
  done: number
  exitCode: number | null
  buildSeconds: number
  buildUploadSeconds: number
  peakRssBuildingMb: number
  rssAtTenthBuiltMb: number
  rssAtBuiltMb: number
  files: number
  megabytes: number
  polls: number
  completeToExportSeconds: number
  totalSeconds: number
}

interface ProgressLine {
  event: string
  jobId?: string
  done?: number
  batch?: { built: number }
}

function parse(line: string): ProgressLine | null {
  try {
    return JSON.parse(line) as ProgressLine
  } catch {
    return null
  }
}

async function runBatchJob(
  folder: string,
  photos: number,
  workDir: string,
  sim: Simulator
): Promise<BatchMeasure> {
  const cli = cliCommand()
  const key = `sk-bench-batch-${photos}`
  const out = join(workDir, `results-${photos}.csv`)
  const args = [
    ...cli.args,
    'run',
    folder,
    '--batch',
    '--json',
    ...['--out', out, '--data-dir', join(workDir, `data-${photos}`)],
    ...['--model', 'gpt-4.1-mini', '--detail', 'low']
  ]
  const env = {
    ...process.env,
    ...cli.env,
    OPENAI_API_KEY: key,
    OPENAI_BASE_URL: sim.url,
    PHOTOSCRIBE_BATCH_POLL_MS: String(POLL_MS)
  }
  const logStart = sim.log.entries.length
  let jobId = ''
  const started = Date.now()
  const { child, exited } = spawnChild(args, env)
  const m = {
    photos,
    done: 0,
    built: 0,
    rss: 0,
    peakBuilding: 0,
    rssAtTenth: 0,
    rssAtBuilt: 0,
    builtAt: 0
  }
  const sampler = setInterval(() => {
    void memoryOf(child.pid!).then((memory) => {
      if (!memory) return
      m.rss = memory.rss
      if (m.built < photos) m.peakBuilding = Math.max(m.peakBuilding, memory.peak)
    })
  }, 100)
  for await (const line of createInterface({ input: child.stdout })) {
    const event = parse(line)
    if (!event) continue
    if (event.event === 'job') jobId = event.jobId ?? ''
    m.done = event.done ?? m.done
    const built = event.batch?.built ?? m.built
    if (!m.rssAtTenth && built >= photos / 10) m.rssAtTenth = m.rss
    if (built >= photos && m.built < photos) {
      m.rssAtBuilt = m.rss
      m.builtAt = Date.now()
    }
    m.built = built
  }
  const exitCode = await exited
  clearInterval(sampler)
  const entries = sim.log.entries.slice(logStart)
  const uploads = entries.filter((e) => e.method === 'POST' && e.path === '/v1/files')
  const creates = entries.filter((e) => e.method === 'POST' && e.path === '/v1/batches')
  const lastComplete = Math.max(...creates.map((e) => e.time + 3 * STEP_MS))
  const exportAt = (await stat(out)).mtimeMs
  return {
    photos,
    done: m.done,
    exitCode,
    buildSeconds: (m.builtAt - started) / 1000,
    buildUploadSeconds: (Math.max(...uploads.map((e) => e.time)) - started) / 1000,
    peakRssBuildingMb: m.peakBuilding,
    rssAtTenthBuiltMb: m.rssAtTenth,
    rssAtBuiltMb: m.rssAtBuilt,
    files: uploads.length,
    megabytes: (await partBytes(join(workDir, `data-${photos}`, 'jobs', jobId))) / 1e6,
    polls: entries.filter((e) => e.method === 'GET' && e.path.startsWith('/v1/batches')).length,
    completeToExportSeconds: (exportAt - lastComplete) / 1000,
    totalSeconds: (Date.now() - started) / 1000
  }
}

/** The bytes of every batch file the job's journal lists. */
async function partBytes(jobDir: string): Promise<number> {
  const lines = (await readFile(join(jobDir, 'journal.jsonl'), 'utf8')).split('\n')
  return lines
    .filter((line) => line.includes('"batch-part"'))
    .reduce((sum, line) => sum + (JSON.parse(line) as { bytes: number }).bytes, 0)
}

/** `npm run bench -- batch [--counts 5000,20000]`: a whole Batch-mode job against the simulator. */
export async function benchBatch(args: string[], print: (line: string) => void): Promise<unknown> {
  const counts = (args.includes('--counts') ? args[args.indexOf('--counts') + 1]! : '5000,20000')
    .split(',')
    .map(Number)
  const workDir = await mkdtemp(join(tmpdir(), 'photoscribe-bench-batch-'))
  const sim = await startSimulator({ batch: { stepMs: STEP_MS } })
  try {
    const largest = Math.max(...counts)
    print(`Generating ${largest} distinct 800×600 JPEGs…`)
    const corpus = await makeCorpus(join(workDir, 'corpus'), largest, {
      width: 800,
      height: 600,
      distinctPixels: true
    })
    print(
      `CLI: ${cliCommand().label}. Simulator batches: each status ${STEP_MS / 1000} s; polls every ${POLL_MS / 1000} s backing off to ${(POLL_MS * 10) / 1000} s (OpenAI's schedule: 30 s → 5 min). gpt-4.1-mini, detail low, CSV export.\n`
    )
    print(
      '| photos | done | exit | build s | build + upload s | peak RSS building | RSS at 10 % built | RSS built | files | MB uploaded | polls | last batch complete → export | total s |'
    )
    print('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    const results: BatchMeasure[] = []
    for (const count of counts) {
      const folder = await folderOf(corpus.paths, count, workDir)
      const m = await runBatchJob(folder, count, workDir, sim)
      results.push(m)
      print(
        `| ${count} | ${m.done} | ${m.exitCode} | ${m.buildSeconds.toFixed(0)} | ${m.buildUploadSeconds.toFixed(0)} | ${m.peakRssBuildingMb.toFixed(0)} MB | ${m.rssAtTenthBuiltMb.toFixed(0)} MB | ${m.rssAtBuiltMb.toFixed(0)} MB | ${m.files} | ${m.megabytes.toFixed(0)} | ${m.polls} | ${m.completeToExportSeconds.toFixed(1)} s | ${m.totalSeconds.toFixed(0)} |`
      )
    }
    return results
  } finally {
    await sim.close()
    await rm(workDir, { recursive: true, force: true })
  }
}
