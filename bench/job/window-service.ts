// The window's main-side service as a process of its own, for the soak: the real router,
// handlers and workspace (Settings, queue, run, export), driven the way the window drives them,
// with a scripted desktop. Prints JSON lines on stdout, as `photoscribe run --json` does.
// Usage: tsx bench/job/window-service.ts <photos folder> <data dir> <export path>
import type { WorkspaceUpdate } from '@shared/domain/workspace'
import { createHandlers } from '../../src/main/ipc/handlers'
import { createRouter } from '../../src/main/ipc/router'
import { senderCheck } from '../../src/main/ipc/sender'
import { TEST_APP_INFO } from '../../test/helpers/app-info'
import { FakeDesktop } from '../../test/helpers/fake-desktop'
import { testWorkspace } from '../../test/helpers/workspace'

const APP = 'app://photoscribe/index.html'
const [folder, dataDir, exportPath] = process.argv.slice(2)
const LIMITS = { rpm: 120_000, tpm: 200_000_000 }

let status = 'idle'
let done = 0
let ended: () => void = () => {}
const finished = new Promise<void>((resolve) => (ended = resolve))

/** What the window would hear: the open view's run status and totals. */
function heard(update: WorkspaceUpdate): void {
  for (const patch of update.patches ?? []) {
    if (!patch.run) continue
    status = patch.run.status
    done = patch.run.totals.done
    if (['completed', 'stopped', 'cancelled'].includes(status)) ended()
  }
}

async function main(): Promise<void> {
  const desktop = new FakeDesktop()
  desktop.savePath = exportPath
  const workspace = testWorkspace(dataDir, process.env, desktop, heard)
  const router = createRouter(
    createHandlers({ appInfo: () => TEST_APP_INFO, workspace }),
    senderCheck(APP)
  )
  const call = async (channel: string, payload?: unknown): Promise<unknown> => {
    const answer = (await router.handle(channel, APP, payload)) as {
      ok: boolean
      data?: unknown
      error?: { message: string }
    }
    if (!answer.ok) throw new Error(`${channel}: ${answer.error?.message}`)
    return answer.data
  }
  await call('queue:add', { paths: [folder] })
  await call('queue:set-options', {
    model: 'gpt-4.1-mini',
    detail: 'low',
    ...LIMITS,
    maxConcurrency: 64
  })
  const { jobId } = (await call('run:start')) as { jobId: string }
  console.log(JSON.stringify({ event: 'job', jobId }))
  const ticker = setInterval(() => console.log(JSON.stringify({ event: 'progress', done })), 250)
  await finished
  clearInterval(ticker)
  await call('export:save', { format: 'csv', thumbnails: false })
  console.log(JSON.stringify({ event: 'summary', done, status }))
  // The JS heap once garbage is collected: what the service still holds after 10,000 photos.
  global.gc?.()
  const heapMb = process.memoryUsage().heapUsed / 1024 ** 2
  console.log(JSON.stringify({ event: 'heap', heapMb }))
  await workspace.close()
}

void main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
