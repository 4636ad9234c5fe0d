import { spawn } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { link, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { createInterface } from 'node:readline'
import { startSimulator } from '../../src/simulator/server'
import { makeCorpus } from '../preprocess/corpus'

const ROOT = join(import.meta.dirname, '../..')
const BUILT_CLI = join(ROOT, 'out/main/cli.js')
const LIMITS = { rpm: 120_000, tpm: 200_000_000 }

/** What one whole job cost the CLI process. */
interface JobRunMeasure {
  photos: number
  done: number
  exitCode: number | null
  seconds: number
  peakRssMb: number
  /** RSS when 10 % of the photos were done, and when all were: the slope shows per-photo growth. */
  rssAtTenthMb: number
  rssAtEndMb: number
}

/** The CLI as a child process: the built one when `npm run build` has run, else through tsx. */
function cliCommand(): { args: string[]; env: NodeJS.ProcessEnv; label: string } {
  if (existsSync(BUILT_CLI)) {
    const built = statSync(BUILT_CLI).mtime.toISOString()
    return {
      args: [BUILT_CLI],
      env: {},
      label: `out/main/cli.js (built ${built}: rebuild after changes)`
    }
  }
  return {
    args: ['--import', 'tsx', join(ROOT, 'src/cli/index.ts')],
    env: { TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') },
    label: 'src/cli via tsx (run `npm run build` to measure the built CLI)'
  }
}

/** Resident and peak resident memory of a process, from /proc (Linux). */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number } | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1])
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
  } catch {
    return null
  }
}

async function runJob(
  folder: string,
  photos: number,
  workDir: string,
  baseUrl: string
): Promise<JobRunMeasure> {
  const cli = cliCommand()
  const options = {
    '--out': join(workDir, `results-${photos}.csv`),
    '--data-dir': join(workDir, `data-${photos}`),
    '--model': 'gpt-4.1-mini',
    '--detail': 'low',
    '--rpm': String(LIMITS.rpm),
    '--tpm': String(LIMITS.tpm),
    '--concurrency': '64'
  }
  const args = [...cli.args, 'run', folder, '--json', ...Object.entries(options).flat()]
  const env = {
    ...process.env,
    ...cli.env,
    OPENAI_API_KEY: 'sk-bench-job',
    OPENAI_BASE_URL: baseUrl
  }
  const started = performance.now()
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  const measure: JobRunMeasure = {
    photos,
    done: 0,
    exitCode: null,
    seconds: 0,
    peakRssMb: 0,
    rssAtTenthMb: 0,
    rssAtEndMb: 0
  }
  let rss = 0
  const sampler = setInterval(() => {
    void memoryOf(child.pid!).then((memory) => {
      if (!memory) return
      rss = memory.rss
      measure.peakRssMb = Math.max(measure.peakRssMb, memory.peak)
    })
  }, 100)
  for await (const line of createInterface({ input: child.stdout })) {
    const event = parseEvent(line)
    if (event?.event !== 'progress' && event?.event !== 'summary') continue
    measure.done = event.done ?? measure.done
    if (!measure.rssAtTenthMb && measure.done >= photos / 10) measure.rssAtTenthMb = rss
    if (event.event === 'summary') measure.rssAtEndMb = rss
  }
  measure.exitCode = await exited
  clearInterval(sampler)
  measure.seconds = (performance.now() - started) / 1000
  return measure
}

function parseEvent(line: string): { event: string; done?: number } | null {
  try {
    return JSON.parse(line) as { event: string; done?: number }
  } catch {
    return null
  }
}

/** A folder holding the first `count` photos (hard links: no copies). */
async function folderOf(paths: string[], count: number, workDir: string): Promise<string> {
  const folder = join(workDir, `photos-${count}`)
  await mkdir(folder, { recursive: true })
  for (const path of paths.slice(0, count)) await link(path, join(folder, basename(path)))
  return folder
}

/** `npm run bench -- job [--counts 1000,10000]`: a whole job's memory in the CLI process. */
export async function benchJob(args: string[], print: (line: string) => void): Promise<unknown> {
  const counts = (args.includes('--counts') ? args[args.indexOf('--counts') + 1]! : '1000,10000')
    .split(',')
    .map(Number)
  const workDir = await mkdtemp(join(tmpdir(), 'photoscribe-bench-job-'))
  const sim = await startSimulator({
    defaultKey: { ...LIMITS, burstSeconds: 1 },
    latencyMs: 40,
    latencyJitterMs: 20
  })
  try {
    const largest = Math.max(...counts)
    print(`Generating ${largest} distinct 1024×768 JPEGs…`)
    const corpus = await makeCorpus(join(workDir, 'corpus'), largest, {
      width: 1024,
      height: 768,
      distinctPixels: true
    })
    print(
      `CLI: ${cliCommand().label}. Simulator: ${LIMITS.rpm} RPM, 40±20 ms latency. Model gpt-4.1-mini, detail low, CSV export.\n`
    )
    print(
      '| photos | done | exit | seconds | photos/s | peak RSS | RSS at 10 % done | RSS at the end | growth per 1,000 photos |'
    )
    print('|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    const results: JobRunMeasure[] = []
    for (const count of counts) {
      const folder = await folderOf(corpus.paths, count, workDir)
      const m = await runJob(folder, count, workDir, sim.url)
      results.push(m)
      const slope = ((m.rssAtEndMb - m.rssAtTenthMb) / (count * 0.9)) * 1000
      print(
        `| ${count} | ${m.done} | ${m.exitCode} | ${m.seconds.toFixed(0)} | ${(count / m.seconds).toFixed(0)} | ${m.peakRssMb.toFixed(0)} MB | ${m.rssAtTenthMb.toFixed(0)} MB | ${m.rssAtEndMb.toFixed(0)} MB | ${slope.toFixed(1)} MB |`
      )
    }
    return results
  } finally {
    await sim.close()
    await rm(workDir, { recursive: true, force: true })
  }
}
