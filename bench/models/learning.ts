import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { jobSpecSchema } from '@shared/domain/job-spec'
import type { JobSettings } from '../../src/core/jobs/job-store'
import { JobService } from '../../src/core/service/job-service'
import type { Simulator } from '../../src/simulator/server'

/**
 * A folder of `n` product-like JPEGs of varied sizes and shapes, 400 to `largest` px a side
 * (seeded: the same every run).
 */
export async function variedPhotos(
  dir: string,
  n: number,
  seed: number,
  largest = 3000
): Promise<string> {
  await mkdir(dir, { recursive: true })
  let state = seed
  const next = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  for (let i = 0; i < n; i++) {
    const width = 400 + Math.floor(next() * (largest - 400))
    const height = 400 + Math.floor(next() * (largest - 400))
    const background = { r: Math.floor(next() * 255), g: 128, b: Math.floor(next() * 255) }
    const jpeg = await sharp({ create: { width, height, channels: 3, background } })
      .jpeg({ quality: 60 })
      .toBuffer()
    await writeFile(join(dir, `P${seed}_${String(i).padStart(3, '0')}.jpg`), jpeg)
  }
  return dir
}

/** Simulator limits above anything a bench job asks: the benches measure tokens, not pacing. */
export const BENCH_LIMITS = { defaultKey: { rpm: 30_000, tpm: 100_000_000 } }

/** A job's settings for the simulator at `url` (OpenAI's own endpoint kind, generous limits). */
export function benchSettings(inputs: string[], extra: Partial<JobSettings>): JobSettings {
  const spec = jobSpecSchema.parse({
    name: 'bench',
    inputs,
    rpm: 30_000,
    tpm: 100_000_000,
    maxConcurrency: 16,
    imageAdmission: 'formula',
    endpoint: { kind: 'openai' },
    createdAt: new Date().toISOString(),
    ...extra
  })
  return { ...spec, ...extra, endpoint: { kind: 'openai' } }
}

/** Prompt tokens an estimate expected for a job and what the simulator billed when it ran. */
export interface EstimateCheck {
  estimated: number
  billed: number
  /** |estimated − billed| ÷ billed. */
  error: number
  /** Answers the image figure had been learned from when estimated (0: the catalog's rule). */
  learnedFrom: number
}

/**
 * Estimates a folder's job with what the service has learned so far, runs it on the simulator,
 * and compares the estimate's prompt tokens with `usage`'s. Running it teaches the service more.
 */
export async function estimateThenRun(
  service: JobService,
  sim: Simulator,
  folder: string,
  settings: Partial<JobSettings>
): Promise<EstimateCheck> {
  const job = await service.create(benchSettings([folder], settings))
  const estimate = await service.estimateJob(job, [{ rpm: 30_000, tpm: 100_000_000 }])
  const connection = {
    endpoint: { kind: 'openai' as const },
    baseURL: sim.url,
    keys: [{ id: 'k', label: 'Bench', apiKey: 'sk-bench-learning' }]
  }
  const outcome = await service.start(job, connection).run()
  if (outcome.status !== 'completed') throw new Error(`bench job ended ${outcome.status}`)
  const billed = [...job.state.items.values()].reduce(
    (sum, item) => sum + (item.result?.promptTokens ?? 0),
    0
  )
  return {
    estimated: estimate.promptTokens,
    billed,
    error: Math.abs(estimate.promptTokens - billed) / billed,
    learnedFrom: estimate.imagesLearnedFrom
  }
}

/**
 * The estimate's error for one model and detail before and after learning: 20 photos estimated
 * from the catalog's rule and run (the service learns from their answers), then 20 other photos
 * of other sizes estimated with what was learned and run.
 */
export async function learningError(
  sim: Simulator,
  model: string,
  detail: 'low' | 'high',
  photos = 20
): Promise<{ before: EstimateCheck; after: EstimateCheck }> {
  const root = await mkdtemp(join(tmpdir(), 'photoscribe-learning-'))
  const service = new JobService(join(root, 'data'))
  const first = await variedPhotos(join(root, 'first'), photos, 7)
  const second = await variedPhotos(join(root, 'second'), photos, 11)
  try {
    const before = await estimateThenRun(service, sim, first, { model, detail })
    const after = await estimateThenRun(service, sim, second, { model, detail })
    await service.learning.flush()
    return { before, after }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}
