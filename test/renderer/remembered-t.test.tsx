import { describe, expect, it, vi } from 'vitest'
import { createI18n } from '../../src/renderer/src/i18n'
import { rememberedT } from '../../src/renderer/src/words/remembered-t'

describe('rememberedT (the queue’s words, asked every scrolled frame)', () => {
  it('says what i18next says, asking it once per text and options', () => {
    const i18n = createI18n('en')
    const t = vi.fn(i18n.t.bind(i18n)) as unknown as typeof i18n.t
    const said = rememberedT(t)
    const ask = said as unknown as (key: string, options?: object) => string
    const plain = (key: string, options?: object): string =>
      (i18n.t as unknown as (key: string, options?: object) => string)(key, options)
    for (let frame = 0; frame < 3; frame++) {
      expect(ask('queue.retry')).toBe(plain('queue.retry'))
      expect(ask('queue.select', { name: 'a.jpg' })).toBe(plain('queue.select', { name: 'a.jpg' }))
      expect(ask('queue.select', { name: 'b.jpg' })).toBe(plain('queue.select', { name: 'b.jpg' }))
    }
    expect(ask('queue.select', { name: 'b.jpg' })).toContain('b.jpg')
    expect(t).toHaveBeenCalledTimes(3)
  })

  it('passes calls it cannot key (an object option, a list of keys) to i18next every time', () => {
    const i18n = createI18n('en')
    const t = vi.fn(i18n.t.bind(i18n)) as unknown as typeof i18n.t
    const ask = rememberedT(t) as unknown as (key: unknown, options?: object) => string
    ask('queue.select', { name: { first: 'x' } })
    ask('queue.select', { name: { first: 'x' } })
    ask(['queue.nothing', 'queue.retry'])
    ask(['queue.nothing', 'queue.retry'])
    expect(t).toHaveBeenCalledTimes(4)
    expect(ask(['queue.nothing', 'queue.retry'])).toBe(i18n.t('queue.retry'))
  })

  it('keeps a bounded memory: a long scroll of names starts it again rather than growing', () => {
    const i18n = createI18n('en')
    const t = vi.fn(i18n.t.bind(i18n)) as unknown as typeof i18n.t
    const ask = rememberedT(t) as unknown as (key: string, options?: object) => string
    for (let i = 0; i < 10_000; i++) ask('queue.select', { name: `${i}.jpg` })
    expect(ask('queue.select', { name: '9999.jpg' })).toContain('9999.jpg')
    // The last one was remembered; the first ones were let go and are asked again.
    expect(t).toHaveBeenCalledTimes(10_000)
    ask('queue.select', { name: '0.jpg' })
    expect(t).toHaveBeenCalledTimes(10_001)
  })
})

describe('the window’s i18next', () => {
  it('gives components a t that asks i18next once per text, in the language it was made for', async () => {
    const i18n = createI18n('en')
    const asked = vi.spyOn(i18n, 't')
    const t = i18n.getFixedT('en') as unknown as (key: string) => string
    expect(t('queue.retry')).toBe(t('queue.retry'))
    expect(asked).toHaveBeenCalledTimes(1)
    await i18n.changeLanguage('zh-CN')
    const zh = i18n.getFixedT('zh-CN') as unknown as (key: string) => string
    expect(zh('queue.retry')).not.toBe(t('queue.retry'))
    expect((i18n.getFixedT('en') as unknown as { lng: string }).lng).toBe('en')
  })
})
