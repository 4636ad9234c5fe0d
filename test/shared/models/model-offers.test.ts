import { describe, expect, it } from 'vitest'
import { settingsOnEndingModels } from '@shared/models/model-offers'
import { DEFAULT_SETTINGS, type Settings } from '@shared/settings/schema'

const TODAY = '2026-12-06'

function settingsWith(change: (s: Settings) => void): Settings {
  const settings = structuredClone(DEFAULT_SETTINGS)
  change(settings)
  return settings
}

describe('what Settings name that is gone or shuts down soon', () => {
  it('is nothing with the defaults: the default model has no announced shutdown', () => {
    expect(settingsOnEndingModels(DEFAULT_SETTINGS, TODAY)).toEqual([])
  })

  it('names the default model, each key model (and limits saved for one), each price and (with Azure) each deployment', () => {
    const settings = settingsWith((s) => {
      s.defaults.model = 'gpt-4.1-mini'
      s.keys = [
        {
          id: 'k1',
          label: 'Work',
          hint: 'sk-…abcd',
          models: ['gpt-6-luna', 'gpt-5-mini'],
          limits: {
            'gpt-5-mini': { source: 'custom', rpm: 500, tpm: 200_000 },
            o3: { source: 'custom', rpm: 500, tpm: 200_000 }
          },
          reported: {}
        }
      ]
      s.prices = {
        'gpt-4.1-nano': { input: 0.1, output: 0.4 },
        'gpt-6-luna': { input: 1, output: 2 }
      }
      s.provider.azure.deployments = { 'gpt-4o': 'prod-4o' }
    })
    const openai = settingsOnEndingModels(settings, TODAY)
    expect(openai.map((o) => [o.where, o.model, o.name, o.life.kind, o.life.replacement])).toEqual([
      ['default', 'gpt-4.1-mini', undefined, 'dying', 'gpt-6-luna'],
      ['key', 'gpt-5-mini', 'Work', 'dying', 'gpt-6.1-terra'],
      ['key', 'o3', 'Work', 'dying', 'gpt-6.1-sol'],
      ['price', 'gpt-4.1-nano', undefined, 'gone', 'gpt-6-luna']
    ])
    expect(openai[0].life).toMatchObject({ shutdownDate: '2027-01-14', daysLeft: 39 })
    // Deployments count only when Azure is the provider.
    settings.provider.preset = 'azure'
    const azure = settingsOnEndingModels(settings, TODAY)
    expect(azure.at(-1)).toMatchObject({ where: 'azure', model: 'gpt-4o', life: { kind: 'dying' } })
  })

  it('calls a model gone on its shutdown day, and says nothing of one 61 days out', () => {
    const settings = settingsWith((s) => (s.defaults.model = 'gpt-4.1-mini'))
    expect(settingsOnEndingModels(settings, '2027-01-14')[0].life.kind).toBe('gone')
    expect(settingsOnEndingModels(settings, '2026-11-14')).toEqual([])
  })
})
