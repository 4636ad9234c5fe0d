import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import type { FaultOptions } from '../../src/simulator/options'
import { dataUrl, makeJpeg } from '../helpers/images'
import { chatBody } from '../helpers/sim-client'
import { tempDir } from '../helpers/temp'

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

async function send(url: string, timeoutMs = 5000): Promise<Response> {
  return fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { authorization: 'Bearer sk-fault', 'content-type': 'application/json' },
    body: JSON.stringify(chatBody([dataUrl(await makeJpeg(32, 32))], {}, 'low')),
    signal: AbortSignal.timeout(timeoutMs)
  })
}

const only = (fault: keyof FaultOptions): Partial<FaultOptions> => ({ [fault]: 1 })

describe('simulator: injected faults', () => {
  it.each([
    ['fail500', 500],
    ['fail502', 502],
    ['fail503', 503]
  ] as const)('%s answers HTTP %d with an OpenAI error body', async (fault, status) => {
    sim = await startSimulator({ faults: only(fault) })
    const response = await send(sim.url)
    expect(response.status).toBe(status)
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe('server_error')
    expect(sim.log.entries[0].outcome).toBe(`fault:${fault}`)
  })

  it('resets the connection', async () => {
    sim = await startSimulator({ faults: only('reset') })
    await expect(send(sim.url)).rejects.toThrow()
  })

  it('hangs until the client gives up', async () => {
    sim = await startSimulator({ faults: only('hang') })
    await expect(send(sim.url, 300)).rejects.toThrow(/abort|timeout/i)
  })

  it('trickles a slow body', async () => {
    sim = await startSimulator({ faults: only('slowBody'), slowBodyMs: 300 })
    const started = performance.now()
    const response = await send(sim.url)
    await response.text()
    expect(performance.now() - started).toBeGreaterThanOrEqual(280)
  })

  it('sends malformed JSON with status 200', async () => {
    sim = await startSimulator({ faults: only('malformedJson') })
    const response = await send(sim.url)
    expect(response.status).toBe(200)
    await expect(response.json()).rejects.toThrow()
  })

  it('draws faults by probability, repeatably per seed', async () => {
    const outcomes = async (): Promise<string[]> => {
      sim = await startSimulator({ faults: { fail500: 0.3 }, seed: 7 })
      for (let i = 0; i < 20; i++) await (await send(sim.url)).text()
      const result = sim.log.entries.map((e) => e.outcome)
      await sim.close()
      sim = undefined
      return result
    }
    const first = await outcomes()
    expect(first.filter((o) => o === 'fault:fail500').length).toBeGreaterThan(1)
    expect(first.filter((o) => o === 'ok').length).toBeGreaterThan(8)
    expect(await outcomes()).toEqual(first)
  })

  it('delays answers by latency ± jitter', async () => {
    sim = await startSimulator({ latencyMs: 150, latencyJitterMs: 50 })
    const started = performance.now()
    await (await send(sim.url)).text()
    expect(performance.now() - started).toBeGreaterThanOrEqual(95)
  })

  it('writes one JSONL line per request to the request log', async () => {
    const logPath = join(await tempDir('sim-log'), 'requests.jsonl')
    sim = await startSimulator({ logPath })
    await (await send(sim.url)).text()
    await (await send(sim.url)).text()
    const lines = (await readFile(logPath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(lines.map((l) => [l.seq, l.path, l.outcome, l.images.length])).toEqual([
      [1, '/v1/chat/completions', 'ok', 1],
      [2, '/v1/chat/completions', 'ok', 1]
    ])
    expect(lines[0].images[0].sha256).toMatch(/^[0-9a-f]{64}$/)
  })
})
