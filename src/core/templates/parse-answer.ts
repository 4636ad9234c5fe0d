import type { ChatCompletion } from 'openai/resources/chat/completions'
import type { Template } from './template'

/** What an answer gave: fields, or why it gave none. */
export type ParsedAnswer =
  | { ok: true; text: string; fields: Record<string, unknown> }
  | {
      ok: false
      code: 'refusal' | 'filtered' | 'empty' | 'truncated' | 'invalid_json'
      reason: string
    }

/** Reads the model's answer for a template: plain text for one field, JSON for several. */
export function parseAnswer(template: Template, completion: ChatCompletion): ParsedAnswer {
  const choice = completion.choices[0]
  const message = choice?.message
  if (message?.refusal)
    return { ok: false, code: 'refusal', reason: `The model declined: ${message.refusal}` }
  if (choice?.finish_reason === 'content_filter')
    return {
      ok: false,
      code: 'filtered',
      reason: "OpenAI's content filter stopped this answer. Check the photo, or try another model."
    }
  const text = unfence(withoutControls(message?.content ?? '').trim())
  // An answer cut off by its token budget is never a result, however much text it has.
  if (choice?.finish_reason === 'length')
    return {
      ok: false,
      code: 'truncated',
      reason:
        text === ''
          ? 'The answer budget ran out before any text (reasoning used it all).'
          : 'The answer was cut off: it ran out of answer tokens.'
    }
  if (text === '')
    return { ok: false, code: 'empty', reason: 'The model returned an empty answer.' }
  if (template.fields.length === 1)
    return { ok: true, text, fields: { [template.fields[0].name]: stripQuotes(text) } }
  try {
    const fields = JSON.parse(text, (_key, value: unknown) =>
      typeof value === 'string' ? withoutControls(value) : value
    ) as Record<string, unknown>
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
      throw new Error('not an object')
    return { ok: true, text, fields }
  } catch {
    return { ok: false, code: 'invalid_json', reason: 'The answer was not valid JSON.' }
  }
}

// C0 and C1 controls but tab and line breaks (XML and spreadsheets refuse them; terminals run
// them), and the bidi embeddings, overrides and isolates that reorder text ("Trojan source").
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g

/** Model output is untrusted text: control characters are dropped before anything keeps it. */
export function withoutControls(text: string): string {
  return text.replace(CONTROLS, '')
}

/** Takes an answer out of a Markdown code fence (```json … ```), which some models add. */
function unfence(text: string): string {
  const fenced = /^```[\w-]*\s*\n([\s\S]*?)\n?```$/.exec(text)
  return fenced ? fenced[1].trim() : text
}

function stripQuotes(text: string): string {
  return text.replace(/^["“”']+|["“”']+$/g, '').trim()
}
