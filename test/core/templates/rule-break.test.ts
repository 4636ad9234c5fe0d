import { describe, expect, it } from 'vitest'
import { brokenRule, ruleBreak } from '../../../src/core/templates/rules'
import type { Template } from '../../../src/core/templates/template'
import { withBrand } from '../../../src/core/templates/brand'

const template: Pick<Template, 'fields'> = {
  fields: [
    { name: 'title', label: 'Title', type: 'string', description: '', rules: { maxLength: 10 } },
    { name: 'tags', label: 'Tags', type: 'string[]', description: '', rules: { maxLength: 4 } }
  ]
}

describe('a broken rule as data', () => {
  it('names the field and the list entry, with the numbers the window words', () => {
    const answer = { title: 'Short', tags: ['ok', 'toolong'] }
    expect(ruleBreak(template, answer)).toEqual({
      code: 'tooLong',
      field: 'Tags',
      entry: 'toolong',
      params: { length: 7, max: 4 }
    })
    // The journal and the CLI keep the English sentence.
    expect(brokenRule(template, answer)).toBe('Tags: “toolong”: Too long (7 of 4 characters)')
    expect(ruleBreak(template, { title: 'Short', tags: ['ok'] })).toBeNull()
  })
})

describe('the brand in a template', () => {
  const base: Template = {
    id: 't',
    name: 'T',
    instructions: 'Describe the product.',
    fields: template.fields,
    maxCompletionTokens: 400
  }

  it('joins the voice and words to the instructions, and makes the avoided words banned in every field', () => {
    const branded = withBrand(base, { voice: 'warm, plain', use: ['handmade'], avoid: ['cheap'] })
    expect(branded.instructions).toBe(
      'Describe the product.\n\nBrand voice: warm, plain\nPrefer these words where they fit: handmade.\nNever use these words: cheap.'
    )
    expect(brokenRule(branded, { title: 'Cheap mug', tags: ['mug'] })).toBe(
      'Title: Must not use “cheap”'
    )
    expect(brokenRule(branded, { title: 'Mug', tags: ['cheap'] })).toBe(
      'Tags: “cheap”: Too long (5 of 4 characters)'
    )
    expect(withBrand(base, { voice: '', use: [], avoid: [] })).toBe(base)
  })

  it("uses a template's own brand voice in place of the workspace's, and the workspace's when the template's is empty", () => {
    const workspace = { voice: 'formal', use: [], avoid: ['cheap'] }
    const own = { ...base, brand: { voice: 'playful', use: ['cosy'], avoid: [] } }
    const branded = withBrand(own, workspace)
    expect(branded.instructions).toContain('Brand voice: playful')
    expect(branded.instructions).toContain('cosy')
    expect(branded.instructions).not.toContain('formal')
    // The workspace's banned words are not the template's brand: not checked.
    expect(brokenRule(branded, { title: 'Cheap mug', tags: ['mug'] })).toBeNull()
    const empty = { ...base, brand: { voice: '', use: [], avoid: [] } }
    expect(withBrand(empty, workspace).instructions).toContain('Brand voice: formal')
  })
})
