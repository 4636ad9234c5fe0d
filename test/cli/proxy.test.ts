import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startConnectProxy, type TestProxy } from '../helpers/connect-proxy'
import { cliSimulator, runArgs, runInProcess } from '../helpers/cli'
import { chatRequests } from '../helpers/sim'
import { photoFolder } from '../helpers/job-fixtures'

const simulator = cliSimulator()
let proxy: TestProxy | undefined
afterEach(async () => {
  await proxy?.close()
  proxy = undefined
})

describe('the CLI behind a company proxy', () => {
  it('sends through HTTPS_PROXY (with its credentials), and straight past it for NO_PROXY hosts', async () => {
    const sim = await simulator.use()
    proxy = await startConnectProxy({ username: 'ops', password: 'pw' })
    const { photos, dataDir } = await photoFolder(3)
    const url = new URL(proxy.url)
    process.env.HTTPS_PROXY = `http://ops:pw@${url.host}`
    const through = await runInProcess(runArgs(photos, join(dataDir, 'a.json'), dataDir))
    expect(through.code).toBe(0)
    expect(proxy.tunnels).toContain(new URL(sim.url).host)
    expect(proxy.refused).toBe(0)

    const tunnels = proxy.tunnels.length
    process.env.NO_PROXY = 'localhost,127.0.0.1'
    const { photos: more, dataDir: other } = await photoFolder(2)
    expect((await runInProcess(runArgs(more, join(other, 'b.json'), other))).code).toBe(0)
    expect(proxy.tunnels.length).toBe(tunnels)
    expect(chatRequests(sim).filter((e) => e.status === 200)).toHaveLength(5)
  })

  it('sends a Batch job’s upload, polls and downloads through the proxy too', async () => {
    process.env.PHOTOSCRIBE_BATCH_POLL_MS = '50'
    const sim = await simulator.use({ batch: { stepMs: 100 } })
    proxy = await startConnectProxy({ username: 'ops', password: 'pw' })
    const { photos, dataDir } = await photoFolder(3)
    process.env.HTTPS_PROXY = `http://ops:pw@${new URL(proxy.url).host}`
    const run = await runInProcess(
      runArgs(photos, join(dataDir, 'a.json'), dataDir, '--batch', '--json')
    )
    expect(run.code).toBe(0)
    // Every request reached the simulator, and none without the proxy: one tunnel per connection.
    const paths = new Set(
      sim.log.entries.map((e) => `${e.method} ${e.path.replace(/sim\w+/, '{id}')}`)
    )
    expect(paths).toEqual(
      new Set([
        'GET /v1/models',
        'POST /v1/files',
        'POST /v1/batches',
        'GET /v1/batches',
        'GET /v1/files/file-{id}/content'
      ])
    )
    // The batch file itself went up the tunnel (streamed through the proxy, not around it).
    const journal = await readFile(
      join(dataDir, 'jobs', JSON.parse(run.out[0] ?? '{}').jobId ?? '', 'journal.jsonl'),
      'utf8'
    ).catch(() => '')
    const fileBytes = journal
      .split('\n')
      .filter((line) => line.includes('"batch-part"'))
      .reduce((sum, line) => sum + (JSON.parse(line) as { bytes: number }).bytes, 0)
    expect(fileBytes).toBeGreaterThan(1000)
    expect(proxy.bytesUp).toBeGreaterThan(fileBytes)
  })
})
