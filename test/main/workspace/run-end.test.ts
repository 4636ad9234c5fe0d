import { describe, expect, it } from 'vitest'
import { runOpen } from '../../../src/main/workspace/runs'
import { retryRows } from '../../../src/main/workspace/actions'
import { FakeDesktop } from '../../helpers/fake-desktop'
import { photoFolder } from '../../helpers/job-fixtures'
import { simulatorPerTest } from '../../helpers/sim'
import { until } from '../../helpers/until'
import { testWorkspace } from '../../helpers/workspace'

const sims = simulatorPerTest()

describe('the end of a run in the window', () => {
  it('says so in a notification when the job ran over a minute, and clears the taskbar', async () => {
    const sim = await sims.start({ latencyMs: 5 })
    const { photos, dataDir } = await photoFolder(3)
    const desktop = new FakeDesktop()
    let clock = 0
    // Every reading of the workspace's clock is 20 s later: the run "takes" minutes.
    const ws = testWorkspace(
      dataDir,
      { OPENAI_API_KEY: 'sk-test-notify-1', OPENAI_BASE_URL: sim.url },
      desktop,
      () => {},
      () => (clock += 20_000)
    )
    await ws.ensureDraft().add([photos])
    await runOpen(ws)
    await until(() => desktop.notified.length > 0, 10_000)
    expect(desktop.notified[0].title).toMatch(/ is done$/)
    expect(desktop.notified[0].body).toBe('3 photos done.')

    expect(desktop.progress.at(-1)).toEqual({ fraction: null, title: 'Photoscribe' })
    await ws.close()
  })

  it('says it in the app’s language (简体中文)', async () => {
    const sim = await sims.start({ latencyMs: 5 })
    const { photos, dataDir } = await photoFolder(2)
    const desktop = new FakeDesktop()
    let clock = 0
    const ws = testWorkspace(
      dataDir,
      { OPENAI_API_KEY: 'sk-test-notify-3', OPENAI_BASE_URL: sim.url },
      desktop,
      () => {},
      () => (clock += 20_000)
    )
    await ws.deps.connection.settings.update({ section: 'uiLanguage', value: 'zh-CN' })
    await ws.ensureDraft().add([photos])
    await runOpen(ws)
    await until(() => desktop.notified.length > 0, 10_000)
    expect(desktop.notified[0].title).toMatch(/ 已完成$/)
    expect(desktop.notified[0].body).toBe('已完成 2 张照片。')
    await ws.close()
  })

  it('stays quiet for a short job', async () => {
    const sim = await sims.start({ latencyMs: 5 })
    const { photos, dataDir } = await photoFolder(2)
    const desktop = new FakeDesktop()
    const ws = testWorkspace(
      dataDir,
      { OPENAI_API_KEY: 'sk-test-notify-2', OPENAI_BASE_URL: sim.url },
      desktop
    )
    await ws.ensureDraft().add([photos])
    await runOpen(ws)
    await until(() => desktop.progress.at(-1)?.fraction === null, 10_000)
    expect(desktop.notified).toEqual([])
    await ws.close()
  })
})

describe('Retry failed in the window', () => {
  it('leaves out failures a retry cannot fix: a refused photo is not sent (and billed) again', async () => {
    const sim = await sims.start({ latencyMs: 5, answerFaults: { refusal: 1 } })
    const { photos, dataDir } = await photoFolder(3)
    const ws = testWorkspace(dataDir, {
      OPENAI_API_KEY: 'sk-test-retry-1',
      OPENAI_BASE_URL: sim.url
    })
    await ws.ensureDraft().add([photos])
    const id = await runOpen(ws)
    await until(() => ws.runs.view(id)?.running === false, 10_000)
    const codes = [...ws.runs.view(id)!.job.state.items.values()].map((item) => item.code)
    expect(codes).toEqual(['refusal', 'refusal', 'refusal'])
    const sent = sim.log.entries.length
    expect(await retryRows(ws)).toBe(0)
    expect(await retryRows(ws, undefined, 'refusal')).toBe(0)
    expect(sim.log.entries.length).toBe(sent)
    await ws.close()
  })
})
