import type { ChatCompletion } from 'openai/resources/chat/completions'
import type { Template } from './template'

/** What an answer gave: fields, or why it gave none. */
export type ParsedAnswer =
  | { ok: true; text: string; fields: Record<string, unknown> }
  | { ok: false; code: 'refusal' | 'empty' | 'truncated' | 'invalid_json'; reason: string }

/** Reads the model's answer for a template: plain text for one field, JSON for several. */
export function parseAnswer(template: Template, completion: ChatCompletion): ParsedAnswer {
  const choice = completion.choices[0]
  const message = choice?.message
  if (message?.refusal)
    return { ok: false, code: 'refusal', reason: `The model declined: ${message.refusal}` }
  const text = (message?.content ?? '').trim()
  if (text === '') {
    return choice?.finish_reason === 'length'
      ? {
          ok: false,
          code: 'truncated',
          reason: 'The answer budget ran out before any text (reasoning used it all).'
        }
      : { ok: false, code: 'empty', reason: 'The model returned an empty answer.' }
  }
  if (template.fields.length === 1)
    return { ok: true, text, fields: { [template.fields[0].name]: stripQuotes(text) } }
  try {
    const fields = JSON.parse(text) as Record<string, unknown>
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
      throw new Error('not an object')
    return { ok: true, text, fields }
  } catch {
    const why = choice?.finish_reason === 'length' ? ' (the answer was cut off)' : ''
    return { ok: false, code: 'invalid_json', reason: `The answer was not valid JSON${why}.` }
  }
}

function stripQuotes(text: string): string {
  return text.replace(/^["“”']+|["“”']+$/g, '').trim()
}
