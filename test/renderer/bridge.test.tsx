import { describe, expect, it } from 'vitest'
import type { IpcError } from '@shared/ipc/result'
import type { BridgeApi } from '@shared/ipc/routes'
import { BridgeError, readBridgeError, unwrapBridge } from '../../src/renderer/src/bridge'
import { createI18n } from '../../src/renderer/src/i18n'
import { problemText } from '../../src/renderer/src/words/problems'

/**
 * `window.api` as the preload exposes it (test/preload/api.test.ts): every method resolves to
 * its IpcResult, here a failure the router made (test/main/ipc/router.test.ts), cloned as the
 * context bridge clones it.
 */
function rawRefusing(error: IpcError): BridgeApi {
  const answer = async () => structuredClone({ ok: false as const, error })
  return {
    app: { getInfo: answer, ready: answer },
    run: { start: answer },
    addDropped: answer,
    onUpdate: () => () => undefined
  } as unknown as BridgeApi
}

describe('errors across the bridge', () => {
  it('arrive as a Problem and read in the window’s language, not as English text', async () => {
    const bridge = unwrapBridge(
      rawRefusing({
        code: 'refused',
        problem: {
          code: 'endpointMoved',
          field: 'endpoint',
          params: { n: 'OpenAI → http://127.0.0.1:8080/v1' }
        },
        message: 'endpoint: This job ran on another endpoint …'
      })
    )
    const thrown = await bridge.run.start().catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(BridgeError)
    const { code, problem } = readBridgeError(thrown)
    expect(code).toBe('refused')
    expect(problem).toEqual({
      code: 'endpointMoved',
      field: 'endpoint',
      params: { n: 'OpenAI → http://127.0.0.1:8080/v1' }
    })
    const zh = problemText(problem, createI18n('zh-CN').t)
    expect(zh).toContain('OpenAI → http://127.0.0.1:8080/v1')
    expect(zh).not.toMatch(/This job ran/)
    expect(problemText(problem, createI18n('en').t)).toMatch(/^This job ran on another endpoint/)
  })

  it('a field’s problem names the field in the window’s words', async () => {
    const bridge = unwrapBridge(
      rawRefusing({
        code: 'refused',
        problem: {
          code: 'plainHttpKey',
          field: 'provider.baseURL',
          params: { n: 'http://10.0.0.7/v1' }
        },
        message: 'provider.baseURL: uses plain HTTP …'
      })
    )
    const { problem } = readBridgeError(await bridge.app.getInfo().catch((e: unknown) => e))
    const en = problemText(problem, createI18n('en').t)
    expect(en).toMatch(/^The base URL uses plain HTTP to another machine/)
    expect(en).toContain('http://10.0.0.7/v1')
    expect(problemText(problem, createI18n('zh-CN').t)).toContain('明文 HTTP')
  })

  it('a drop that main refuses throws the same way', async () => {
    const bridge = unwrapBridge(
      rawRefusing({ code: 'internal', problem: { code: 'internal' }, message: 'internal' })
    )
    const thrown = await bridge.addDropped([]).catch((e: unknown) => e)
    expect(readBridgeError(thrown).problem).toEqual({ code: 'internal' })
    expect(problemText({ code: 'internal' }, createI18n('zh-CN').t)).toBe(
      'Photoscribe 出错了。详细信息在日志中。'
    )
  })
})
