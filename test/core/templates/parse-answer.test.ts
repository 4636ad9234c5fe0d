import { describe, expect, it } from 'vitest'
import { findTemplate } from '../../../src/core/templates/builtins'
import { parseAnswer } from '../../../src/core/templates/parse-answer'
import { completion } from '../../helpers/fake-transport'

const withChoice = (
  content: string | null,
  finish: 'stop' | 'length' | 'content_filter',
  refusal: string | null = null
): ReturnType<typeof completion> => {
  const c = completion(content ?? '')
  c.choices[0] = {
    ...c.choices[0],
    message: { role: 'assistant', content, refusal },
    finish_reason: finish
  }
  return c
}

describe('parseAnswer', () => {
  const meta = findTemplate('seo-meta')!
  const listing = findTemplate('listing-pack')!
  it('reads plain text for one field, stripping quotes', () => {
    expect(parseAnswer(meta, withChoice('"A blue mug."', 'stop'))).toEqual({
      ok: true,
      text: '"A blue mug."',
      fields: { meta_description: 'A blue mug.' }
    })
  })
  it('makes refusals, empty reasoning-only answers and broken JSON their own states', () => {
    expect(parseAnswer(meta, withChoice(null, 'stop', "I can't help with that."))).toMatchObject({
      ok: false,
      code: 'refusal'
    })
    expect(parseAnswer(meta, withChoice('', 'length'))).toMatchObject({
      ok: false,
      code: 'truncated'
    })
    expect(parseAnswer(listing, withChoice('{"title": "Mug', 'length'))).toEqual({
      ok: false,
      code: 'truncated',
      reason: 'The answer was cut off: it ran out of answer tokens.'
    })
    expect(parseAnswer(listing, withChoice('["not", "an object"]', 'stop'))).toMatchObject({
      ok: false,
      code: 'invalid_json'
    })
  })

  it('never accepts text cut off at finish_reason "length" as a result', () => {
    expect(parseAnswer(meta, withChoice('A blue ceramic mug with a', 'length'))).toMatchObject({
      ok: false,
      code: 'truncated'
    })
  })
  it('reads answers in a Markdown code fence; a content-filter stop is its own state', () => {
    const fenced = withChoice('```json\n{"title": "Mug", "tags": ["a"]}\n```', 'stop')
    expect(parseAnswer(listing, fenced)).toMatchObject({ ok: true, fields: { title: 'Mug' } })
    expect(parseAnswer(meta, withChoice('```\nA blue mug.\n```', 'stop'))).toMatchObject({
      fields: { meta_description: 'A blue mug.' }
    })
    expect(parseAnswer(meta, withChoice(null, 'content_filter'))).toMatchObject({
      ok: false,
      code: 'filtered'
    })
  })
})
