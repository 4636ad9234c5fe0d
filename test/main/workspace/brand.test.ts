import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '@shared/settings/schema'
import { runOpen } from '../../../src/main/workspace/runs'
import { photoFolder } from '../../helpers/job-fixtures'
import { simulatorPerTest } from '../../helpers/sim'
import { until } from '../../helpers/until'
import { testWorkspace } from '../../helpers/workspace'

const sims = simulatorPerTest()

describe('the brand voice from Settings, and more languages', () => {
  it('a new queue takes it: the prompt asks for the voice, and an answer with an avoided word is kept for review', async () => {
    const sim = await sims.start({ latencyMs: 5 })
    const { photos, dataDir } = await photoFolder(3)
    const ws = testWorkspace(dataDir, {
      OPENAI_API_KEY: 'sk-test-brand-1',
      OPENAI_BASE_URL: sim.url
    })
    const brand = { voice: 'warm and plain', use: ['handmade'], avoid: ['neutral'] }
    await ws.deps.connection.settings.update({
      section: 'defaults',
      value: { ...DEFAULT_SETTINGS.defaults, brand }
    })
    const draft = ws.ensureDraft()
    expect(draft.options.brand).toEqual(brand)
    await draft.add([photos])
    const template = ws.settingsFor(draft).template!
    expect(template.instructions).toContain('Brand voice: warm and plain')
    expect(template.instructions).toContain('Never use these words: neutral.')
    const id = await runOpen(ws)
    await until(() => ws.runs.view(id)?.running === false, 10_000)
    // The simulator's descriptions say "a neutral background": no answer passes. (The engine asks
    // once more with the rule; the simulator's second answer breaks the length rule instead.)
    const rows = ws.runs.view(id)!.rows()
    expect(rows.map((row) => row.status)).toEqual(['review', 'review', 'review'])
    for (const row of rows) expect(['mustNotUse', 'tooShort']).toContain(row.rule?.code)
    await ws.close()
  })

  it('more languages: one request per photo answers them all, and the estimate counts every answer', async () => {
    const { photos, dataDir } = await photoFolder(2)
    const ws = testWorkspace(dataDir, {})
    const draft = ws.ensureDraft()
    await draft.add([photos])
    ws.setOptions(draft, { templateId: 'listing-pack' })
    await until(() => ws.estimate(draft)?.measured === 2)
    const one = ws.estimate(draft)!.costStandard!
    const three = ws.setOptions(draft, { moreLanguages: ['Español', 'Deutsch'] })!.costStandard!
    expect(ws.settingsFor(draft).template!.fields).toHaveLength(12)
    // The image is sent once: three languages cost more than one, far less than three times.
    expect(three / one).toBeGreaterThan(1.2)
    expect(three / one).toBeLessThan(3)
    expect(ws.setOptions(draft, { moreLanguages: null })!.costStandard).toBeCloseTo(one, 8)
    await ws.close()
  })
})
