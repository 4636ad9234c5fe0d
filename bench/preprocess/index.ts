import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { join } from 'node:path'
import sharp from 'sharp'
import { findModel } from '@shared/models/catalog'
import { apiImageSize, type Detail } from '@shared/models/image-tokens'
import { PreparedImageCache } from '../../src/core/images/cache'
import { boundedMap } from '../../src/core/images/lookahead'
import { createPreparer } from '../../src/core/images/prepare'
import { DEFAULT_PREPROCESS } from '../../src/core/images/preprocess'
import { makeCorpus } from './corpus'

const LOOKAHEAD = 4
const megabytes = (bytes: number): number => bytes / 1024 / 1024
const method = findModel('gpt-4o')!.imageTokens

interface Run {
  seconds: number
  outputBytes: number
  rssPeakMb: number
  rssGrowthMb: number
  /** The longest the event loop was held up meanwhile (what the window would feel). */
  maxLoopDelayMs: number
  failed: number
}

/** Runs `work` over every path with the look-ahead the app uses, sampling RSS every 20 ms. */
async function timed(paths: string[], work: (path: string) => Promise<number>): Promise<Run> {
  global.gc?.()
  const rssStart = process.memoryUsage().rss
  let rssPeak = rssStart
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20)
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  const started = performance.now()
  let outputBytes = 0
  let failed = 0
  for await (const bytes of boundedMap(paths, work, LOOKAHEAD)) {
    if (bytes < 0) failed++
    else outputBytes += bytes
  }
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  loop.disable()
  return {
    seconds,
    outputBytes,
    rssPeakMb: megabytes(rssPeak),
    rssGrowthMb: megabytes(rssPeak - rssStart),
    maxLoopDelayMs: loop.max / 1e6,
    failed
  }
}

async function benchDetail(
  detail: Detail,
  paths: string[],
  workDir: string
): Promise<{ raw: Run; ours: Run }> {
  const target = apiImageSize({ width: 4000, height: 3000 }, detail, method)
  const raw = await timed(
    paths,
    async (path) =>
      (
        await sharp(path)
          .resize(target.width, target.height, { fit: 'inside' })
          .jpeg({ quality: 85 })
          .toBuffer()
      ).length
  )
  const cache = await PreparedImageCache.open(join(workDir, `cache-${detail}`), 2 * 1024 ** 3)
  const prepare = createPreparer({ ...DEFAULT_PREPROCESS, detail, method }, cache)
  const ours = await timed(paths, async (path) => {
    const outcome = await prepare({ id: path, path })
    return outcome.ok ? outcome.image.prepared.data.length : -1
  })
  return { raw, ours }
}

/** `npm run bench -- preprocess [--count 200]`. */
export async function benchPreprocess(
  args: string[],
  print: (line: string) => void
): Promise<unknown> {
  const count = args.includes('--count') ? Number(args[args.indexOf('--count') + 1]) : 200
  const workDir = await mkdtemp(join(tmpdir(), 'photoscribe-bench-'))
  try {
    const rssBefore = megabytes(process.memoryUsage.rss())
    print(`Generating ${count} 4000×3000 JPEGs…`)
    const corpus = await makeCorpus(join(workDir, 'photos'), count)
    print(
      `Corpus: ${count} files, ${(corpus.bytes / count / 1024 / 1024).toFixed(2)} MB each on average. sharp threads: ${sharp.concurrency()}, look-ahead ${LOOKAHEAD}. ` +
        `RSS ${rssBefore.toFixed(0)} MB before generating it, ${megabytes(process.memoryUsage.rss()).toFixed(0)} MB after (memory the allocator keeps, not the pipeline's).\n`
    )
    print(
      '| detail | raw sharp img/s | ours img/s | ours / raw | peak RSS (ours) | RSS growth (ours) | max event-loop delay (ours) | bytes uploaded / original | failed |'
    )
    print('|---|---:|---:|---:|---:|---:|---:|---:|---:|')
    const results: Record<string, unknown> = {}
    for (const detail of ['low', 'high'] as const) {
      const { raw, ours } = await benchDetail(detail, corpus.paths, workDir)
      results[detail] = { raw, ours }
      const rate = (r: Run): number => count / r.seconds
      print(
        `| ${detail} | ${rate(raw).toFixed(1)} | ${rate(ours).toFixed(1)} | ${(rate(ours) / rate(raw)).toFixed(2)} | ${ours.rssPeakMb.toFixed(0)} MB | ${ours.rssGrowthMb.toFixed(0)} MB | ${ours.maxLoopDelayMs.toFixed(0)} ms | ${((ours.outputBytes / corpus.bytes) * 100).toFixed(1)} % | ${ours.failed} |`
      )
    }
    return results
  } finally {
    await rm(workDir, { recursive: true, force: true })
  }
}
