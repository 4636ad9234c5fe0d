import { describe, expect, it } from 'vitest'
import { findTemplate } from '../../../../src/main/core/templates/builtins'
import { parseAnswer } from '../../../../src/main/core/templates/parse-answer'
import { completion } from '../../../helpers/fake-transport'

const withChoice = (
  content: string | null,
  finish: 'stop' | 'length',
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
      code: 'invalid_json',
      reason: 'The answer was not valid JSON (the answer was cut off).'
    })
    expect(parseAnswer(listing, withChoice('["not", "an object"]', 'stop'))).toMatchObject({
      ok: false,
      code: 'invalid_json'
    })
  })
})
