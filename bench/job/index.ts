import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { startSimulator } from '../../src/simulator/server'
import { cliCommand, folderOf, memoryOf, parseEvent, ROOT, spawnChild } from '../cli-process'
import { makeCorpus } from '../preprocess/corpus'
import { writeRssPlot, type RssSample } from '../plot'

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
  /** The JS heap after a full GC at the end (the window's service reports it). */
  heapAfterGcMb?: number
  /** Once a second: for the plot. */
  samples: RssSample[]
}

type Via = 'cli' | 'window'

/** The child that runs the job: the CLI, or the window's main-side service (router and workspace). */
function jobCommand(
  via: Via,
  folder: string,
  photos: number,
  workDir: string,
  baseUrl: string
): { args: string[]; env: NodeJS.ProcessEnv } {
  const out = join(workDir, `results-${via}-${photos}.csv`)
  const dataDir = join(workDir, `data-${via}-${photos}`)
  const env = { ...process.env, OPENAI_API_KEY: 'sk-bench-job', OPENAI_BASE_URL: baseUrl }
  if (via === 'window') {
    const tsx = ['--expose-gc', '--import', 'tsx', join(ROOT, 'bench/job/window-service.ts')]
    const tsconfig = { TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') }
    return { args: [...tsx, folder, dataDir, out], env: { ...env, ...tsconfig } }
  }
  const cli = cliCommand()
  const options = {
    '--out': out,
    '--data-dir': dataDir,
    '--model': 'gpt-4.1-mini',
    '--detail': 'low',
    '--rpm': String(LIMITS.rpm),
    '--tpm': String(LIMITS.tpm),
    '--concurrency': '64'
  }
  return {
    args: [...cli.args, 'run', folder, '--json', ...Object.entries(options).flat()],
    env: { ...env, ...cli.env }
  }
}

async function runJob(
  command: { args: string[]; env: NodeJS.ProcessEnv },
  photos: number
): Promise<JobRunMeasure> {
  const { args, env } = command
  const started = performance.now()
  const { child, exited } = spawnChild(args, env)
  const measure: JobRunMeasure = {
    photos,
    done: 0,
    exitCode: null,
    seconds: 0,
    peakRssMb: 0,
    rssAtTenthMb: 0,
    rssAtEndMb: 0,
    samples: []
  }
  let rss = 0
  const sampler = setInterval(() => {
    void memoryOf(child.pid!).then((memory) => {
      if (!memory) return
      rss = memory.rss
      measure.peakRssMb = Math.max(measure.peakRssMb, memory.peak)
    })
  }, 100)
  const perSecond = setInterval(() => {
    const t = (performance.now() - started) / 1000
    measure.samples.push({ t, rssMb: rss, done: measure.done })
  }, 1000)
  for await (const line of createInterface({ input: child.stdout })) {
    const event = parseEvent(line)
    if (event?.event === 'heap') measure.heapAfterGcMb = (event as { heapMb?: number }).heapMb
    if (event?.event !== 'progress' && event?.event !== 'summary') continue
    measure.done = event.done ?? measure.done
    if (!measure.rssAtTenthMb && measure.done >= photos / 10) measure.rssAtTenthMb = rss
    if (event.event === 'summary') measure.rssAtEndMb = rss
  }
  measure.exitCode = await exited
  clearInterval(sampler)
  clearInterval(perSecond)
  measure.seconds = (performance.now() - started) / 1000
  return measure
}

/**
 * `npm run bench -- job [--counts 1000,10000] [--via cli|window] [--plot file.png]`: a whole
 * job's memory in the process that runs it: the CLI, or the window's main-side service.
 */
export async function benchJob(args: string[], print: (line: string) => void): Promise<unknown> {
  const counts = (args.includes('--counts') ? args[args.indexOf('--counts') + 1]! : '1000,10000')
    .split(',')
    .map(Number)
  const via: Via =
    args.includes('--via') && args[args.indexOf('--via') + 1] === 'window' ? 'window' : 'cli'
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
    const runner =
      via === 'window'
        ? "the window's main-side service (router, workspace), via tsx"
        : `CLI: ${cliCommand().label}`
    print(
      `${runner}. Simulator: ${LIMITS.rpm} RPM, 40±20 ms latency. Model gpt-4.1-mini, detail low, CSV export.\n`
    )
    print(
      '| photos | done | exit | seconds | photos/s | peak RSS | RSS at 10 % done | RSS at the end | growth per 1,000 photos |'
    )
    print('|---:|---:|---:|---:|---:|---:|---:|---:|---:|')
    const results: JobRunMeasure[] = []
    for (const count of counts) {
      const folder = await folderOf(corpus.paths, count, workDir)
      const m = await runJob(jobCommand(via, folder, count, workDir, sim.url), count)
      results.push(m)
      const slope = ((m.rssAtEndMb - m.rssAtTenthMb) / (count * 0.9)) * 1000
      print(
        `| ${count} | ${m.done} | ${m.exitCode} | ${m.seconds.toFixed(0)} | ${(count / m.seconds).toFixed(0)} | ${m.peakRssMb.toFixed(0)} MB | ${m.rssAtTenthMb.toFixed(0)} MB | ${m.rssAtEndMb.toFixed(0)} MB | ${slope.toFixed(1)} MB |`
      )
    }
    const heap = results.at(-1)?.heapAfterGcMb
    if (heap) print(`\nJS heap after a full GC at the end: ${heap.toFixed(0)} MB`)
    const plot = args.includes('--plot') ? args[args.indexOf('--plot') + 1] : null
    const last = results.at(-1)
    if (plot && last) {
      await writeRssPlot(
        last.samples.filter((s) => s.rssMb > 0),
        plot,
        `${last.photos.toLocaleString('en')} photos, live, through ${via === 'window' ? "the window's service" : 'the CLI'}: RSS each second`,
        via === 'window' ? "the window's main-side service" : 'the CLI process'
      )
      print(`\nPlot: ${plot}`)
    }
    return results
  } finally {
    await sim.close()
    await rm(workDir, { recursive: true, force: true })
  }
}
