import { describe, expect, it } from 'vitest'
import { DEFAULT_MODEL, MODEL_CATALOG, findModel } from '@shared/models/catalog'
import { daysBetween, modelLife } from '@shared/models/lifecycle'

// Every date here is given: nothing in the lifecycle reads the clock.
const TODAY = '2026-12-06'

describe('the catalog follows OpenAI’s lifecycle', () => {
  it('the default has no announced shutdown, and every replacement named is a live catalog model', () => {
    expect(DEFAULT_MODEL).toBe('gpt-6-luna')
    expect(modelLife(DEFAULT_MODEL, TODAY)).toEqual({ kind: 'live' })
    for (const model of MODEL_CATALOG)
      if (model.replacement) {
        const next = findModel(model.replacement)
        expect(next, `${model.id} → ${model.replacement}`).toBeDefined()
        expect(next!.shutdownDate, model.replacement).toBeUndefined()
      }
  })

  it.each([
    ['gpt-4.1-nano', 'gone', '2026-10-23', 'gpt-6-luna'],
    ['o4-mini', 'gone', '2026-10-23', 'gpt-5.6-terra'],
    ['gpt-5-mini', 'dying', '2026-12-11', 'gpt-6.1-terra'],
    ['gpt-5', 'dying', '2026-12-11', 'gpt-6.1-sol'],
    ['o3', 'dying', '2026-12-11', 'gpt-6.1-sol'],
    ['gpt-4.1-mini', 'dying', '2027-01-14', 'gpt-6-luna'],
    ['gpt-4o', 'dying', '2027-01-14', 'gpt-6-luna']
  ])('%s is %s on 2026-12-06 (shutdown %s, replaced by %s)', (id, kind, date, replacement) => {
    expect(modelLife(id, TODAY)).toMatchObject({ kind, shutdownDate: date, replacement })
  })

  it('warns 60 days ahead, not 61; refuses on the day itself', () => {
    expect(modelLife('gpt-4.1-mini', '2026-11-15').kind).toBe('dying')
    expect(modelLife('gpt-4.1-mini', '2026-11-14').kind).toBe('live')
    expect(modelLife('gpt-4.1-mini', '2027-01-13')).toMatchObject({ kind: 'dying', daysLeft: 1 })
    expect(modelLife('gpt-4.1-mini', '2027-01-14').kind).toBe('gone')
    expect(modelLife('gpt-5-mini', '2026-12-11').kind).toBe('gone')
    expect(daysBetween('2026-12-06', '2027-01-14')).toBe(39)
  })

  it('the endpoint’s own list is the last word: absent means refused, its date wins, no date means the catalog’s', () => {
    const listing = new Map([
      ['gpt-6-luna', { shutdownDate: null }],
      ['gpt-4.1-mini', { shutdownDate: '2026-12-01' }],
      ['gpt-4o', { shutdownDate: null }]
    ])
    expect(modelLife('gpt-5-mini', TODAY, listing)).toEqual({
      kind: 'unlisted',
      replacement: 'gpt-6.1-terra'
    })
    expect(modelLife('gpt-4.1-mini', TODAY, listing)).toMatchObject({
      kind: 'gone',
      shutdownDate: '2026-12-01'
    })
    expect(modelLife('gpt-4o', TODAY, listing)).toMatchObject({
      kind: 'dying',
      shutdownDate: '2027-01-14'
    })
    expect(modelLife('llava:13b', TODAY)).toEqual({ kind: 'live' })
  })
})
