import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import OpenAI, { toFile } from 'openai'
import pLimit from 'p-limit'
import { StudioRun, findRecipe, studioPhotos, type StudioPhoto } from '../../src/core'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import type { LogEntry } from '../../src/simulator/request-log'
import sharp from 'sharp'
import { cliCase } from './cli-case'

/** Each key's images per minute in the bench (a tier-4 key's figure). */
const IPM = 150

/**
 * `npm run bench -- images [photosPerKey]`: images per minute against the IPM floor with 1, 2 and
 * 3 keys (the server holds each key to IPM over a one-second window), and the same photos through
 * a naive pool (p-limit, the SDK's own retries and timeout) on a server whose answers sometimes
 * outlast that timeout: its re-sends are billed again, ours are not.
 */
export async function benchImages(args: string[], print: (line: string) => void): Promise<void> {
  const perKey = Number(args[0] ?? 40)
  const root = await mkdtemp(join(tmpdir(), 'photoscribe-bench-images-'))
  try {
    print(`Images per minute, ${IPM} IPM a key, ${perKey} photos a key, 0.4 s answers:`)
    print('| keys | images | 429s | images/min | floor | ratio | billed twice |')
    print('|---|---|---|---|---|---|---|')
    for (const keys of [1, 2, 3]) {
      const photos = await photoFolder(root, `k${keys}`, perKey * keys)
      const m = await measure(keys, photos, root)
      print(
        `| ${keys} | ${m.made} | ${m.refused} | ${m.rate.toFixed(1)} | ${keys * IPM} | ${(m.rate / (keys * IPM)).toFixed(3)} | ${m.duplicates} |`
      )
    }
    print('')
    print('Slow answers (0.4 s ± 1.6 s) against a 1.5 s client timeout, 1 key:')
    print(
      '| client | photos | images billed | billed twice | finished | possibly billed, not re-sent |'
    )
    print('|---|---|---|---|---|---|')
    const photos = await photoFolder(root, 'slow', perKey)
    const ours = await slowOurs(photos, root)
    print(
      `| Photoscribe | ${perKey} | ${ours.billed} | ${ours.twice} | ${ours.made} | ${ours.possibly} |`
    )
    const naive = await slowNaive(photos)
    print(
      `| p-limit(8) + SDK retries | ${perKey} | ${naive.billed} | ${naive.twice} | ${naive.made} | — |`
    )
    print('')
    print('The CLI, 20 photos, white-background, low, --ipm 60, against a 60 IPM simulator:')
    await photoFolder(root, 'cli', 20)
    const c = await cliCase(join(root, 'cli'), root)
    print(
      '| exit | files | originals unchanged | edits | 429s | billed twice | admissions / floor | 2nd run sent | gpt-image-1 refused, nothing sent |'
    )
    print('|---|---|---|---|---|---|---|---|---|')
    print(
      `| ${c.exit} | ${c.files} | ${c.originalsUnchanged} | ${c.edits} | ${c.refused} | ${c.billedTwice} | ${c.ratio.toFixed(3)} | ${c.secondRunSent} | ${c.gpt1Refused} |`
    )
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

async function photoFolder(root: string, name: string, n: number): Promise<StudioPhoto[]> {
  const dir = join(root, name)
  await mkdir(dir, { recursive: true })
  for (let i = 0; i < n; i++) await writeFile(join(dir, `P-${i}.jpg`), await distinctJpeg(i, n))
  return studioPhotos([dir])
}

/** A photo no other in the bench equals byte for byte (its size differs). */
function distinctJpeg(i: number, n: number): Promise<Buffer> {
  return sharp({
    create: {
      width: 320 + i,
      height: 240 + (n % 50),
      channels: 3,
      background: { r: (i * 37) % 255, g: 120, b: 90 }
    }
  })
    .jpeg({ quality: 85 })
    .toBuffer()
}

const keyName = (i: number): string => `sk-bench-${i}`

async function measure(keys: number, photos: StudioPhoto[], root: string) {
  const sim = await simulator(keys, 400, 0)
  try {
    const results = await studio(sim, keys, photos, root, 180_000)
    const unmade = results.filter((r) => r.status !== 'made').length
    if (unmade > 0) throw new Error(`${unmade} photos were not made`)
    return figures(sim.log.entries, keys)
  } finally {
    await sim.close()
  }
}

/**
 * Admissions over time: each key takes its first image at once, then one per 1/IPM minute, so
 * `n` images on `k` keys take (n − k) intervals; photos billed more than once are counted.
 */
function figures(entries: readonly LogEntry[], keys: number) {
  const ok = entries.filter((e) => e.outcome === 'ok').sort((a, b) => a.time - b.time)
  const span = (ok.at(-1)!.time - ok[0].time) / 60_000
  return {
    made: ok.length,
    refused: entries.filter((e) => e.status === 429).length,
    rate: (ok.length - keys) / span,
    duplicates: billedTwice(entries)
  }
}

/** Images billed beyond the first for the same photo (its bytes' hash, as the server saw it). */
function billedTwice(entries: readonly LogEntry[]): number {
  const billed = entries.filter((e) => e.outcome === 'ok' || e.outcome === 'client_gone_billed')
  return billed.length - new Set(billed.map((e) => e.images?.[0]?.sha256)).size
}

function simulator(keys: number, latencyMs: number, jitterMs: number): Promise<Simulator> {
  const own = Object.fromEntries(
    Array.from({ length: keys }, (_, i) => [keyName(i), { ipm: IPM, burstSeconds: 1 }])
  )
  return startSimulator({ keys: own, latencyMs, latencyJitterMs: jitterMs, billAbandoned: true })
}

async function studio(
  sim: Simulator,
  keys: number,
  photos: StudioPhoto[],
  root: string,
  timeoutMs: number
) {
  const run = new StudioRun(findRecipe('transparent')!, {
    baseURL: sim.url,
    keys: Array.from({ length: keys }, (_, i) => ({ id: `k${i}`, apiKey: keyName(i), ipm: IPM })),
    cacheDir: join(root, `cache-${Math.random()}`),
    outDir: join(root, `out-${Math.random()}`),
    timeoutMs
  })
  return [...(await run.run(photos)).values()]
}

async function slowOurs(photos: StudioPhoto[], root: string) {
  const sim = await simulator(1, 400, 1600)
  try {
    const results = await studio(sim, 1, photos, root, 1500)
    await new Promise((resolve) => setTimeout(resolve, 2500))
    const billed = sim.log.entries.filter(
      (e) => e.outcome === 'ok' || e.outcome === 'client_gone_billed'
    ).length
    return {
      billed,
      twice: billedTwice(sim.log.entries),
      made: results.filter((r) => r.status === 'made').length,
      possibly: results.filter((r) => r.status === 'possiblyBilled').length
    }
  } finally {
    await sim.close()
  }
}

/** What most scripts do: a fixed pool, the SDK's default two retries, a timeout. */
async function slowNaive(photos: StudioPhoto[]) {
  const sim = await simulator(1, 400, 1600)
  try {
    const client = new OpenAI({
      apiKey: keyName(0),
      baseURL: sim.url,
      timeout: 1500,
      maxRetries: 2
    })
    const limit = pLimit(8)
    const made = await Promise.all(
      photos.map((photo) =>
        limit(async () => {
          const { readFile } = await import('node:fs/promises')
          const image = await toFile(await readFile(photo.path), 'p.jpg', { type: 'image/jpeg' })
          return client.images
            .edit({ model: 'gpt-image-2', image, prompt: 'Cut out.', background: 'transparent' })
            .then(
              () => 1,
              () => 0
            )
        })
      )
    )
    await new Promise((resolve) => setTimeout(resolve, 2500))
    const billed = sim.log.entries.filter(
      (e) => e.outcome === 'ok' || e.outcome === 'client_gone_billed'
    ).length
    const twice = billedTwice(sim.log.entries)
    return { billed, twice, made: made.reduce<number>((a, b) => a + b, 0) }
  } finally {
    await sim.close()
  }
}
