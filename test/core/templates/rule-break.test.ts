import { describe, expect, it } from 'vitest'
import { brokenRule, ruleBreak } from '../../../src/core/templates/rules'
import type { Template } from '../../../src/core/templates/template'

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
