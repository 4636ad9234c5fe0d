import { describe, expect, it } from 'vitest'
import { AppError, ErrorCodes } from '@shared/errors'
import { routes, type Handlers } from '@shared/ipc/routes'
import type { AppInfo } from '@shared/domain/app-info'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { createRouter } from '../../../src/main/ipc/router'
import { senderCheck } from '../../../src/main/ipc/sender'
import { tempDir } from '../../helpers/temp'
import { testWorkspace } from '../../helpers/workspace'
import { TEST_APP_INFO } from '../../helpers/app-info'

const APP = 'app://photoscribe/index.html'
const info: AppInfo = TEST_APP_INFO

async function handlers(getInfo: () => AppInfo = () => info): Promise<Handlers> {
  const built = createHandlers({
    appInfo: () => info,
    workspace: testWorkspace(await tempDir('router'), {})
  })
  return { ...built, app: { ...built.app, getInfo } }
}

describe('IPC router', () => {
  it('returns the handler result for a valid request from the app', async () => {
    const router = createRouter(await handlers(), senderCheck(APP))
    expect(await router.handle(routes.app.getInfo.channel, APP, undefined)).toEqual({
      ok: true,
      data: info
    })
  })

  it('has one channel per route, named domain:method', async () => {
    const router = createRouter(await handlers(), senderCheck(APP))
    expect(router.channels).toContain('queue:set-options')
    expect(router.channels).toContain('run:pause')
    expect(new Set(router.channels).size).toBe(router.channels.length)
    expect(
      router.channels.every((c) =>
        /^(app|queue|run|jobs|review|export|limits|settings|templates|studio):[a-z-]+$/.test(c)
      )
    ).toBe(true)
  })

  it('refuses senders other than the app window', async () => {
    const router = createRouter(await handlers(), senderCheck(APP))
    for (const url of [
      undefined,
      'https://evil.example/',
      'file:///tmp/other.html',
      'file:///app/out/renderer/index.html',
      'file://evil-host/share/index.html',
      'app://evil/index.html',
      'not a url'
    ]) {
      const result = await router.handle(routes.app.getInfo.channel, url, undefined)
      expect(result).toMatchObject({ ok: false, error: { code: ErrorCodes.untrustedSender } })
    }
  })

  it('refuses input outside a route schema, naming the field', async () => {
    const router = createRouter(await handlers(), senderCheck(APP))
    const extra = await router.handle(routes.app.getInfo.channel, APP, { sneaky: true })
    expect(extra).toMatchObject({ ok: false, error: { code: ErrorCodes.invalidInput } })
    const detail = await router.handle(routes.queue.setOptions.channel, APP, { detail: 'ultra' })
    expect(detail.ok ? '' : detail.error.message).toMatch(/^detail: takes low, high or auto/)
    // The problem crosses as data: the window words it in its own language.
    expect(detail.ok ? null : detail.error.problem).toEqual({
      code: 'detailChoice',
      field: 'detail',
      params: { n: '"ultra"' }
    })
    const paths = await router.handle(routes.queue.add.channel, APP, { paths: [] })
    expect(paths.ok ? '' : paths.error.message).toMatch(/^paths:/)
    const job = await router.handle(routes.jobs.open.channel, APP, { id: '../../etc' })
    expect(job.ok ? '' : job.error.message).toBe('id: is not a job id')
  })

  it('refuses unknown channels', async () => {
    const router = createRouter(await handlers(), senderCheck(APP))
    expect(await router.handle('fs:read-anything', APP, '/etc/passwd')).toMatchObject({
      ok: false,
      error: { code: ErrorCodes.unknownChannel }
    })
  })

  it('turns AppError into { code, problem, message } and hides unexpected errors', async () => {
    const failing = createRouter(
      await handlers(() => {
        throw new AppError(ErrorCodes.invalidInput, {
          code: 'atMost',
          field: 'maxConcurrency',
          params: { n: 40 }
        })
      }),
      () => true
    )
    expect(await failing.handle(routes.app.getInfo.channel, APP, undefined)).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        problem: { code: 'atMost', field: 'maxConcurrency', params: { n: 40 } },
        message: 'maxConcurrency: must be at most 40'
      }
    })
    const crashing = createRouter(
      await handlers(() => {
        throw new Error('secret stack sk-123')
      }),
      () => true
    )
    const result = await crashing.handle(routes.app.getInfo.channel, APP, undefined)
    expect(result).toMatchObject({ ok: false, error: { code: ErrorCodes.internal } })
    expect(JSON.stringify(result)).not.toContain('sk-123')
  })

  it('checks outputs against the route schema when asked (tests, the e2e harness)', async () => {
    const wrong = await handlers(() => ({ ...info, version: 7 }) as unknown as AppInfo)
    const router = createRouter(wrong, () => true, { checkOutputs: true })
    const result = await router.handle(routes.app.getInfo.channel, APP, undefined)
    expect(result.ok ? '' : result.error.message).toMatch(
      /^app:get-info answered outside its schema \(version: /
    )
    expect(result.ok ? null : result.error.problem).toMatchObject({
      code: 'outsideSchema',
      params: { n: 'app:get-info', field: 'version' }
    })
  })
})

describe('sender check in development', () => {
  it('trusts the dev server origin only', () => {
    const trusted = senderCheck('http://localhost:5173/')
    expect(trusted('http://localhost:5173/index.html')).toBe(true)
    expect(trusted('http://localhost:5174/')).toBe(false)
  })
})
