import { describe, expect, it } from 'vitest'
import { findTemplate } from '../../../src/core/templates/builtins'
import { languageCodes, withLanguages } from '../../../src/core/templates/languages'

describe('a template answering several languages at once', () => {
  it('has every field once per language, its rules kept, and says so in the instructions', () => {
    const pack = findTemplate('listing-pack')!
    const three = withLanguages(pack, ['English', 'Español', 'Deutsch'])
    expect(three.fields.map((f) => f.name)).toEqual(
      ['en', 'es', 'de'].flatMap((code) => pack.fields.map((f) => `${f.name}_${code}`))
    )
    const title = three.fields.find((f) => f.name === 'title_es')!
    expect(title.label).toBe('Product title (Español)')
    expect(title.rules).toEqual(pack.fields[0].rules)
    expect(three.instructions).not.toContain('{language}')
    expect(three.instructions).toContain(
      'Answer in each of these languages: English (fields ending _en), Español (fields ending _es), Deutsch (fields ending _de).'
    )
    expect(three.maxCompletionTokens).toBe(pack.maxCompletionTokens * 3)
    expect(withLanguages(pack, ['English'])).toBe(pack)
  })

  it('codes unknown or repeated languages by position', () => {
    expect(languageCodes(['English', 'Svenska', 'english'])).toEqual(['en', 'l2', 'l3'])
  })

  it('a free-text template gets one text field per language', () => {
    const seo = findTemplate('seo-meta')!
    const two = withLanguages({ ...seo, fields: [] }, ['English', '日本語'])
    expect(two.fields.map((f) => f.name)).toEqual(['text_en', 'text_ja'])
  })
})
