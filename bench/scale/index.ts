/// <reference lib="dom" />
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { launchChromium } from '../../test/e2e/helpers/app-page'
import { openWindow } from '../../test/e2e/helpers/window-harness'
import { keepMemoryFlat } from '../../src/core'
import { cliCommand, memoryOf, spawnChild } from '../cli-process'
import { finishedJob, measure as measureExport } from '../export'
import { reportTargets, type Target } from '../targets'
import {
  dropFolder,
  longTaskProbeWorks,
  rendererHeapMb,
  takeLongTasks,
  profiled,
  watchLongTasks,
  whenText
} from '../ui/page-probes'
import { scalePhotos, warmPageCache } from './photos'

/**
 * `npm run bench -- scale [--photos 100000]`: generated photos through the CLI's dry run (time,
 * peak memory), then the real renderer in Chromium on the main-side workspace: the folder
 * dropped (rows, estimate, long tasks), the dry run's saved job opened, memory of both sides;
 * then a finished job of as many photos exported to XLSX in its own process.
 */
export async function benchScale(args: string[], print: (line: string) => void): Promise<Target[]> {
  // This process plays the window's main process: the memory settings main/index.ts makes.
  keepMemoryFlat()
  const photos = Number(args[args.indexOf('--photos') + 1] || 100_000)
  const dir = await scalePhotos(photos, print)
  const work = await mkdtemp(join(tmpdir(), 'photoscribe-bench-scale-'))
  try {
    const dataDir = join(work, 'data')
    print(`photos read into the page cache in ${await warmPageCache(dir)} ms`)
    const dry = await dryRun(dir, dataDir)
    print(
      `dry run: ${dry.seconds.toFixed(1)} s, peak ${dry.peakMb.toFixed(0)} MB (${cliCommand().label})`
    )
    print(`and again before the window, in ${await warmPageCache(dir)} ms`)
    const window = await inWindow(dir, photos, dataDir, print)
    const xlsx = await exportXlsx(work, photos)
    print(`export: ${(xlsx.exportMs / 1000).toFixed(1)} s, peak ${xlsx.peakMb.toFixed(0)} MB`)
    const targets = scaleTargets(photos, dry, window, xlsx)
    reportTargets('scale', targets, print)
    return targets
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}

interface WindowFigures {
  rowsAfterWalkMs: number
  estimateMs: number
  /** Until the estimate counts every photo (not a part read so far). */
  fullEstimateMs: number
  longestTaskMs: number
  openMs: number
  mainRssMb: number
  heapMb: number
}

function scaleTargets(
  photos: number,
  dry: { seconds: number; peakMb: number },
  w: WindowFigures,
  xlsx: { exportMs: number; peakMb: number }
): Target[] {
  const n = photos.toLocaleString('en')
  const max = (name: string, value: number, unit: string, limit: number): Target => ({
    name,
    value,
    unit,
    limit,
    kind: 'max'
  })
  return [
    max(`CLI dry run of ${n} photos`, dry.seconds, 's', 20),
    max('CLI dry run, peak memory', dry.peakMb, 'MB', 500),
    max('window: every row listed after the walk', w.rowsAfterWalkMs, 'ms', 2000),
    max('window: first estimate shown after the drop', w.estimateMs, 'ms', 10_000),
    max('window: estimate of every photo, after the drop', w.fullEstimateMs, 'ms', 10_000),
    max('window: longest task from the drop to the estimate', w.longestTaskMs, 'ms', 50),
    max(`window: a ${n}-row job opened`, w.openMs, 'ms', 3000),
    max('main side (bench process, with Playwright), RSS', w.mainRssMb, 'MB', 600),
    max('renderer JS heap', w.heapMb, 'MB', 150),
    max(`export of ${n} rows to XLSX`, xlsx.exportMs / 1000, 's', 120),
    max('export to XLSX, peak memory', xlsx.peakMb, 'MB', 400)
  ]
}

/** `photoscribe run <folder> --dry-run`: wall time and peak RSS (polled from /proc). */
async function dryRun(
  folder: string,
  dataDir: string
): Promise<{ seconds: number; peakMb: number }> {
  const cli = cliCommand()
  const started = Date.now()
  const { child, exited } = spawnChild(
    [...cli.args, 'run', folder, '--dry-run', '--data-dir', dataDir],
    { ...process.env, ...cli.env }
  )
  child.stdout.resume()
  let peakMb = 0
  const poll = setInterval(() => {
    void memoryOf(child.pid!).then((m) => m && (peakMb = Math.max(peakMb, m.peak)))
  }, 100)
  const code = await exited
  clearInterval(poll)
  if (code !== 0) throw new Error(`the dry run exited ${code}`)
  const saved = await readdir(join(dataDir, 'jobs')).catch(() => [])
  if (saved.length !== 1) throw new Error(`the dry run saved ${saved.length} jobs in ${dataDir}`)
  return { seconds: (Date.now() - started) / 1000, peakMb }
}

/** The window on the dry run's data folder: the folder dropped, then the saved job opened. */
async function inWindow(
  folder: string,
  photos: number,
  dataDir: string,
  print: (line: string) => void
): Promise<WindowFigures> {
  const browser = await launchChromium()
  const harness = await openWindow(browser, { dataDir, keepPayloads: false })
  try {
    const { page } = harness
    await page.evaluate('globalThis.__name = (fn) => fn')
    if (!(await longTaskProbeWorks(page)))
      throw new Error('The long-task observer saw no long task; the measure would prove nothing.')
    await watchLongTasks(page)
    const t0 = Date.now()
    const drop = await profiled(page, () => dropFolder(page, folder, photos))
    const fullEstimateMs = (await estimateOfEvery(page, photos)) - t0
    const tasks = await takeLongTasks(page)
    print(
      `drop: walk ${drop.walkMs} ms · rows listed ${drop.rowsAfterWalkMs} ms after it · estimate at ${drop.estimateMs} ms · long tasks: ${tasks.map((t) => t.toFixed(0)).join(', ') || 'none'}`
    )
    const openMs = await openSavedJob(page, photos)
    print(`estimate of every photo ${fullEstimateMs} ms after the drop`)
    print(`the saved ${photos.toLocaleString('en')}-photo job opened in ${openMs} ms`)
    return {
      rowsAfterWalkMs: drop.rowsAfterWalkMs,
      estimateMs: drop.estimateMs,
      fullEstimateMs,
      longestTaskMs: Math.max(0, ...tasks),
      openMs,
      mainRssMb: process.memoryUsage().rss / 1024 ** 2,
      heapMb: await rendererHeapMb(page)
    }
  } finally {
    await harness.close()
    await browser.close()
  }
}

/** Opens the one saved job from the jobs list; the time until its queue counts every photo. */
async function openSavedJob(page: Page, photos: number): Promise<number> {
  // A new, empty queue first: the dropped folder's queue counts as many photos.
  const id = await page.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        api: {
          jobs: { list(): Promise<{ data?: { id: string }[] }>; newQueue(): Promise<unknown> }
        }
      }
    ).api
    await api.jobs.newQueue()
    // The preload's API answers { ok, data } (the window's bridge unwraps it).
    const jobs = (await api.jobs.list()).data ?? []
    if (!jobs[0]) throw new Error(`no saved job in the list: ${JSON.stringify(jobs)}`)
    return jobs[0].id
  })
  const count = new Intl.NumberFormat('en').format(photos)
  await whenText(page, '.app', `^(?!.*${count} photos)`, 10_000)
  const started = Date.now()
  await page.evaluate(
    (jobId) =>
      void (
        globalThis as unknown as { api: { jobs: { open(i: object): Promise<unknown> } } }
      ).api.jobs.open({ id: jobId }),
    id
  )
  const at = await whenText(page, '[data-testid="queue-counts"]', `^${count} photos`, 60_000)
  return at - started
}

/** When the estimate first counts every photo: all sizes read (English words). */
function estimateOfEvery(page: Page, photos: number): Promise<number> {
  const count = new Intl.NumberFormat('en').format(photos)
  return whenText(
    page,
    '[data-testid="estimate"]',
    `^(?!.*sizes read so far).*${count} photos`,
    60_000
  )
}

/** A finished job of as many photos (every answer approved) exported to XLSX in its own process. */
async function exportXlsx(
  work: string,
  photos: number
): Promise<{ exportMs: number; peakMb: number }> {
  const dataDir = join(work, 'export-data')
  const jobId = await finishedJob(dataDir, join(work, 'export-photos'), photos, 4, 0)
  return measureExport(dataDir, jobId, 'xlsx', join(work, 'results.xlsx'))
}
