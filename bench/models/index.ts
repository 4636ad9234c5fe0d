import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findTemplate } from '../../src/core/templates/builtins'
import { cachedPrefixTokens } from '../../src/core/templates/build-request'
import { JobService } from '../../src/core/service/job-service'
import { jobSpend } from '../../src/core/jobs/job-state'
import type { JobMode } from '../../src/core/service/job-service'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import { DEMO_POLL_SCHEDULE } from '../../src/core/batch/batch-watch'
import { systemClock } from '../../src/core/scheduler/clock'
import { BENCH_LIMITS, benchSettings, learningError, variedPhotos } from './learning'
import { houseStyleTemplate } from './house-style'

/** The model families whose image tokens are learned: the assumed rule and documented ones. */
const LEARNING_CASES = [
  ['gpt-6-luna', 'high'],
  ['gpt-6-luna', 'low'],
  ['gpt-5.4-mini', 'high'],
  ['gpt-4o', 'high']
] as const

const percent = (x: number): string => `${(x * 100).toFixed(1)} %`

async function learningTable(sim: Simulator, print: (line: string) => void): Promise<void> {
  print('Image-token estimate vs usage (20 photos estimated, run, then 20 others):')
  print('| model | detail | error before | error after | learned from |')
  print('|---|---|---|---|---|')
  for (const [model, detail] of LEARNING_CASES) {
    const { before, after } = await learningError(sim, model, detail)
    print(
      `| ${model} | ${detail} | ${percent(before.error)} | ${percent(after.error)} | ${after.learnedFrom} |`
    )
  }
}

interface CostRow {
  mode: JobMode
  template: string
  photos: number
  usdPer1000: number
  cachedShare: number
  seconds: number
}

async function costOf(
  sim: Simulator,
  root: string,
  folder: string,
  photos: number,
  mode: JobMode,
  template: 'built-in' | 'house style'
): Promise<CostRow> {
  const service = new JobService(
    join(root, `data-${mode}-${template}`),
    systemClock,
    DEMO_POLL_SCHEDULE
  )
  const house = houseStyleTemplate()
  const settings = benchSettings([folder], {
    model: 'gpt-6-luna',
    detail: 'low',
    mode,
    ...(template === 'house style'
      ? { templateId: house.id, template: house }
      : { templateId: 'seo-meta' })
  })
  const job = await service.create(settings)
  const connection = {
    endpoint: { kind: 'openai' as const },
    baseURL: sim.url,
    // A key per row: one row's cached prefix must not serve the next.
    keys: [
      { id: 'k', label: 'Bench', apiKey: `sk-bench-cost-${mode}-${template.replace(' ', '-')}` }
    ]
  }
  const started = Date.now()
  const outcome = await service.start(job, connection).run()
  if (outcome.status !== 'completed') throw new Error(`${mode} job ended ${outcome.status}`)
  const spend = jobSpend(job.state)
  return {
    mode,
    template,
    photos,
    usdPer1000: (spend.costUsd / photos) * 1000,
    cachedShare: spend.tokensIn ? spend.tokensCached / spend.tokensIn : 0,
    seconds: (Date.now() - started) / 1000
  }
}

/**
 * `npm run bench -- models [photos]`: how well image tokens are learned per model family, and
 * what 1,000 photos cost on gpt-6-luna Live, Flex and Batch, with the built-in template (a short
 * prefix, never cached) and a house-style one (a long fixed prefix the prompt cache serves).
 * Every figure is what the simulator's `usage` billed, priced as the engine prices answers.
 */
export async function benchModels(args: string[], print: (line: string) => void): Promise<void> {
  const photos = Number(args[0] ?? 1000)
  const root = await mkdtemp(join(tmpdir(), 'photoscribe-bench-models-'))
  const sim = await startSimulator({
    ...BENCH_LIMITS,
    latencyMs: 10,
    latencyJitterMs: 10,
    batch: { stepMs: 300 }
  })
  try {
    await learningTable(sim, print)
    const house = houseStyleTemplate()
    const builtIn = findTemplate('seo-meta')!
    print('')
    print(
      `Cost of ${photos} photos on gpt-6-luna, low detail (cacheable prefix: built-in ${cachedPrefixTokens(builtIn)} tokens, house style ${cachedPrefixTokens(house)}):`
    )
    print(
      '| mode | template | USD per 1,000 photos | cached share of input | vs Live built-in | seconds |'
    )
    print('|---|---|---|---|---|---|')
    const folder = await variedPhotos(join(root, 'photos'), photos, 3, 1200)
    const rows: CostRow[] = []
    for (const template of ['built-in', 'house style'] as const)
      for (const mode of ['live', 'flex', 'batch'] as const) {
        const row = await costOf(sim, root, folder, photos, mode, template)
        rows.push(row)
        const base = rows.find((r) => r.template === template && r.mode === 'live')!
        const live = rows[0]
        print(
          `| ${mode} | ${template} | $${row.usdPer1000.toFixed(4)} | ${percent(row.cachedShare)} | ${(row.usdPer1000 / live.usdPer1000).toFixed(2)}× (${(row.usdPer1000 / base.usdPer1000).toFixed(2)}× of its Live) | ${row.seconds.toFixed(1)} |`
        )
      }
  } finally {
    await sim.close()
    await rm(root, { recursive: true, force: true })
  }
}
