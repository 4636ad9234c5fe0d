import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_SETTINGS } from '../../src/shared/settings/schema'
import { ConnectionSource } from '../../src/main/workspace/connection'
import { openSettings } from '../../src/main/settings/settings-service'
import { DEMO_KEY, DEMO_LIMITS, startDemoSimulator } from '../../src/simulator/demo'
import { startSimulator } from '../../src/simulator/server'
import { startConnectProxy } from '../../test/helpers/connect-proxy'
import { testCipher } from '../../test/helpers/test-cipher'

const ROUNDS = 20
/** About what OpenAI takes to answer a few-token request (measured values vary 250–600 ms). */
const SERVER_LATENCY_MS = 400

/**
 * `npm run bench -- settings`: how long Test key and Test connection take against a simulator
 * that answers in 400 ms, directly and through a proxy with a password, and what they add to
 * the server's own time. The target: Test key answers within a second.
 */
export async function benchSettings(_args: string[], print: (line: string) => void): Promise<void> {
  const sim = await startSimulator({ latencyMs: SERVER_LATENCY_MS, latencyJitterMs: 0 })
  const proxy = await startConnectProxy({ username: 'bench', password: 'pw' })
  const dir = mkdtempSync(join(tmpdir(), 'photoscribe-bench-settings-'))
  const settings = openSettings(dir, testCipher(), {})
  const connection = new ConnectionSource(settings, {
    start: startDemoSimulator,
    key: DEMO_KEY,
    limits: DEMO_LIMITS
  })
  try {
    await settings.update({
      section: 'provider',
      value: { ...DEFAULT_SETTINGS.provider, preset: 'custom', baseURL: sim.url }
    })
    const keyId = (await settings.addKey('Bench', 'sk-bench-settings-0001')).settings.keys[0].id
    const rows: [string, number[]][] = []
    rows.push(['Test key, direct', await rounds(() => connection.testKey(keyId, 'gpt-4.1-mini'))])
    rows.push(['Test connection, direct', await rounds(() => connection.testConnection())])
    await settings.update({
      section: 'proxy',
      value: {
        mode: 'explicit',
        url: proxy.url,
        username: 'bench',
        hasPassword: false,
        noProxy: ''
      }
    })
    await settings.setProxyPassword('pw')
    rows.push([
      'Test key, through the proxy',
      await rounds(() => connection.testKey(keyId, 'gpt-4.1-mini'))
    ])
    rows.push([
      'Test connection, through the proxy',
      await rounds(() => connection.testConnection())
    ])
    print(`server latency ${SERVER_LATENCY_MS} ms (chat); ${ROUNDS} rounds each`)
    print('| probe | median ms | p95 ms | p95 − server ms | target |')
    print('|---|---|---|---|---|')
    for (const [name, times] of rows) {
      const p95 = percentile(times, 0.95)
      const chat = name.startsWith('Test key')
      const overhead = chat ? p95 - SERVER_LATENCY_MS : p95
      const target = chat ? `p95 < 1000 ms: ${p95 < 1000 ? 'met' : 'MISSED'}` : '—'
      print(
        `| ${name} | ${Math.round(percentile(times, 0.5))} | ${Math.round(p95)} | ${Math.round(overhead)} | ${target} |`
      )
    }
  } finally {
    await connection.close()
    await proxy.close()
    await sim.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function rounds(probe: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = []
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now()
    await probe()
    times.push(performance.now() - started)
  }
  return times
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]
}
