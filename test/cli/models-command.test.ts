import { describe, expect, it } from 'vitest'
import { DEFAULT_MODEL, MODEL_CATALOG } from '@shared/models/catalog'
import { cliSimulator, runInProcess } from '../helpers/cli'

const simulator = cliSimulator()

describe('photoscribe models', () => {
  it('lists the catalog: prices, shutdown date, replacement, the default', async () => {
    const listed = await runInProcess(['models'])
    expect(listed.code).toBe(0)
    expect(listed.out).toHaveLength(MODEL_CATALOG.length)
    const line = (id: string) => listed.out.find((l) => l.startsWith(`${id} `)) ?? ''
    expect(line(DEFAULT_MODEL)).toMatch(/\$0\.1 \/ \$0\.01 cached \/ \$0\.5 per 1M.*\(default\)$/)
    expect(line('gpt-4.1-mini')).toContain('shuts down 2027-01-14 → gpt-6-luna')
    expect(line('gpt-4.1-nano')).toContain('switched off 2026-10-23 → gpt-6-luna')
  })

  it('--json for scripts; --check asks the endpoint which models it serves', async () => {
    await simulator.use({ withdrawn: ['gpt-5.4'] })
    const checked = await runInProcess(['models', '--json', '--check'])
    expect(checked.code).toBe(0)
    const rows = checked.out.map((l) => JSON.parse(l) as Record<string, unknown>)
    const row = (id: string) => rows.find((r) => r.id === id)!
    expect(row(DEFAULT_MODEL)).toMatchObject({ default: true, status: 'live', listed: true })
    expect(row('gpt-5.4')).toMatchObject({ status: 'unlisted', listed: false })
    expect(row('gpt-4.1-mini')).toMatchObject({
      status: 'dying',
      shutdownDate: '2027-01-14',
      replacement: 'gpt-6-luna'
    })
  })
})
