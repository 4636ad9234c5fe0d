import { describe, expect, it } from 'vitest'
import { AppError, ErrorCodes } from '@shared/errors'
import { channels } from '@shared/ipc/channels'
import { createRouter } from '../../../src/main/ipc/router'
import { senderCheck } from '../../../src/main/ipc/sender'
import type { AppInfo } from '@shared/domain/app-info'

const APP = 'app://photoscribe/index.html'
const info: AppInfo = {
  name: 'Photoscribe',
  version: '1.2.3',
  platform: 'linux',
  arch: 'x64',
  dataDir: '/data',
  runtime: {}
}

describe('IPC router', () => {
  const router = createRouter({ [channels.getAppInfo]: () => info }, senderCheck(APP))

  it('returns the handler result for a valid request from the app', async () => {
    expect(await router.handle(channels.getAppInfo, APP, undefined)).toEqual({
      ok: true,
      data: info
    })
  })

  it('refuses senders other than the app window', async () => {
    for (const url of [
      undefined,
      'https://evil.example/',
      'file:///tmp/other.html',
      'file:///app/out/renderer/index.html',
      'file://evil-host/share/index.html',
      'app://evil/index.html',
      'not a url'
    ]) {
      const result = await router.handle(channels.getAppInfo, url, undefined)
      expect(result).toMatchObject({ ok: false, error: { code: ErrorCodes.untrustedSender } })
    }
  })

  it('refuses input that does not match the channel schema, naming the problem', async () => {
    const result = await router.handle(channels.getAppInfo, APP, { sneaky: true })
    expect(result).toMatchObject({ ok: false, error: { code: ErrorCodes.invalidInput } })
    expect(result.ok ? '' : result.error.message).toMatch(/undefined/i)
  })

  it('refuses unknown channels', async () => {
    expect(await router.handle('fs:read-anything', APP, '/etc/passwd')).toMatchObject({
      ok: false,
      error: { code: ErrorCodes.unknownChannel }
    })
  })

  it('turns AppError into a result and hides unexpected errors', async () => {
    const failing = createRouter(
      {
        [channels.getAppInfo]: () => {
          throw new AppError(ErrorCodes.invalidInput, 'Nope.', 'detail')
        }
      },
      () => true
    )
    expect(await failing.handle(channels.getAppInfo, APP, undefined)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Nope.', detail: 'detail' }
    })
    const crashing = createRouter(
      {
        [channels.getAppInfo]: () => {
          throw new Error('secret stack sk-123')
        }
      },
      () => true
    )
    const result = await crashing.handle(channels.getAppInfo, APP, undefined)
    expect(result).toMatchObject({ ok: false, error: { code: ErrorCodes.internal } })
    expect(JSON.stringify(result)).not.toContain('sk-123')
  })
})

describe('sender check in development', () => {
  it('trusts the dev server origin only', () => {
    const trusted = senderCheck('http://localhost:5173/')
    expect(trusted('http://localhost:5173/index.html')).toBe(true)
    expect(trusted('http://localhost:5174/')).toBe(false)
  })
})
