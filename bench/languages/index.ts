import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findTemplate } from '../../src/core/templates/builtins'
import { withLanguages } from '../../src/core/templates/languages'
import { JobService } from '../../src/core/service/job-service'
import { jobSpend } from '../../src/core/jobs/job-state'
import type { JobSettings } from '../../src/core/jobs/job-store'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import { BENCH_LIMITS, benchSettings, variedPhotos } from '../models/learning'

const LANGUAGES = ['English', 'Español', 'Deutsch']

/** One job's billed spend and request count, on its own key (no prompt cache shared between rows). */
async function spendOf(
  sim: Simulator,
  dataDir: string,
  settings: JobSettings,
  key: string
): Promise<{ usd: number; requests: number }> {
  const service = new JobService(dataDir)
  const job = await service.create(settings)
  const before = sim.log.entries.length
  const connection = {
    endpoint: { kind: 'openai' as const },
    baseURL: sim.url,
    keys: [{ id: 'k', label: 'Bench', apiKey: key }]
  }
  const outcome = await service.start(job, connection).run()
  if (outcome.status !== 'completed') throw new Error(`job ended ${outcome.status}`)
  const requests = sim.log.entries
    .slice(before)
    .filter((e) => e.path === '/v1/chat/completions').length
  return { usd: jobSpend(job.state).costUsd, requests }
}

/**
 * `npm run bench -- languages [photos] [model]`: a listing pack in English, Spanish and German,
 * sent as one request per photo per language, and as one request per photo answering all three
 * (`withLanguages`). Both are billed by the simulator's `usage` and priced as the engine prices
 * answers; the ratio is why a several-language job sends one request per photo.
 */
export async function benchLanguages(args: string[], print: (line: string) => void): Promise<void> {
  const photos = Number(args[0] ?? 100)
  const model = args[1] ?? 'gpt-6-luna'
  const root = await mkdtemp(join(tmpdir(), 'photoscribe-bench-languages-'))
  const sim = await startSimulator({ ...BENCH_LIMITS, latencyMs: 10, latencyJitterMs: 10 })
  try {
    const folder = await variedPhotos(join(root, 'photos'), photos, 5, 1600)
    const pack = findTemplate('listing-pack')!
    print(`${photos} photos, listing pack, ${LANGUAGES.join(' + ')}, ${model}:`)
    print('| detail | one request per language | all in one request | all-in-one / per-language |')
    print('|---|---|---|---|')
    for (const detail of ['low', 'high'] as const) {
      const base = { model, detail, templateId: pack.id }
      let separate = { usd: 0, requests: 0 }
      for (const [i, language] of LANGUAGES.entries()) {
        const settings = benchSettings([folder], { ...base, language, template: pack })
        const one = await spendOf(
          sim,
          join(root, `${detail}-${i}`),
          settings,
          `sk-lang-${detail}-${i}`
        )
        separate = { usd: separate.usd + one.usd, requests: separate.requests + one.requests }
      }
      const together = await spendOf(
        sim,
        join(root, `${detail}-all`),
        benchSettings([folder], { ...base, template: withLanguages(pack, LANGUAGES) }),
        `sk-lang-${detail}-all`
      )
      print(
        `| ${detail} | $${separate.usd.toFixed(4)} (${separate.requests} requests) | $${together.usd.toFixed(4)} (${together.requests} requests) | ${(together.usd / separate.usd).toFixed(2)}× |`
      )
    }
  } finally {
    await sim.close()
    await rm(root, { recursive: true, force: true })
  }
}
