import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { ROOT } from './helpers/app-page'

describe('built preload', () => {
  it('runs in a sandbox whose require knows only electron, exposing just window.api', async () => {
    const source = readFileSync(join(ROOT, 'out/preload/index.js'), 'utf8')
    const required: string[] = []
    const exposed: Record<string, Record<string, Record<string, () => Promise<unknown>>>> = {}
    const invoked: unknown[][] = []
    const electron = {
      contextBridge: {
        exposeInMainWorld: (
          key: string,
          value: Record<string, Record<string, () => Promise<unknown>>>
        ) => void (exposed[key] = value)
      },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => (invoked.push(args), { ok: true, data: 'pong' }),
        on: () => {},
        removeListener: () => {}
      },
      webUtils: { getPathForFile: () => '' }
    }
    const sandboxRequire = (name: string): unknown => {
      required.push(name)
      if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`)
      return electron
    }
    const module = { exports: {} }
    runInNewContext(`(function (require, module, exports) {${source}\n})`, {})(
      sandboxRequire,
      module,
      module.exports
    )
    expect(required).toEqual(['electron'])
    expect(Object.keys(exposed)).toEqual(['api'])
    expect(await exposed.api.app.getInfo()).toEqual({ ok: true, data: 'pong' })
    expect(invoked).toEqual([['app:get-info', undefined]])
  })

  it('carries no validation library: main checks every input, the preload only forwards', () => {
    const source = readFileSync(join(ROOT, 'out/preload/index.js'), 'utf8')
    expect(source).not.toMatch(/\bZodType\b|\$ZodType|zod\/v4/)
    expect(source.length).toBeLessThan(20_000)
  })
})

describe('built main process', () => {
  it('does not carry the simulator: the demo loads it on demand from a chunk of its own', () => {
    const main = readFileSync(join(ROOT, 'out/main/index.js'), 'utf8')
    expect(main).not.toContain('function startSimulator')
    const lazy =
      /Promise\.resolve\(\)\.then\(\(\) => require\("\.\/chunks\/(demo-[\w-]+\.js)"\)\)/.exec(main)
    expect(lazy).not.toBeNull()
    expect(readFileSync(join(ROOT, 'out/main/chunks', lazy![1]), 'utf8')).toContain(
      'function startSimulator'
    )
  })
})
