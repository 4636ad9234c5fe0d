import { drawOne } from './faults'
import type { Random } from './rng'

/** Probabilities (0–1) of odd but valid answers, drawn per successful answer. */
export interface AnswerFaultOptions {
  /** `message.refusal` set, `content` null, `finish_reason: "stop"`. */
  refusal: number
  /** `finish_reason: "content_filter"` with no content. */
  contentFilter: number
  /** The answer wrapped in a Markdown code fence. */
  codeFence: number
  /** The answer made longer than any template rule allows (ten times over). */
  overlong: number
  /** `usage` without `prompt_tokens` (some compatible servers). */
  noPromptTokens: number
  /** A 200 whose `choices` is empty. */
  emptyChoices: number
}

export type AnswerFault = keyof AnswerFaultOptions

const ORDER: readonly AnswerFault[] = [
  'refusal',
  'contentFilter',
  'codeFence',
  'overlong',
  'noPromptTokens',
  'emptyChoices'
]

export const NO_ANSWER_FAULTS: AnswerFaultOptions = {
  refusal: 0,
  contentFilter: 0,
  codeFence: 0,
  overlong: 0,
  noPromptTokens: 0,
  emptyChoices: 0
}

/** Draws at most one answer fault, each with its probability. */
export function drawAnswerFault(faults: AnswerFaultOptions, random: Random): AnswerFault | null {
  if (ORDER.every((fault) => faults[fault] === 0)) return null // keeps seeded fault runs unchanged
  return drawOne(faults, ORDER, random)
}

type Completion = Record<string, unknown> & {
  choices: { message: Record<string, unknown>; finish_reason: string }[]
  usage: Record<string, unknown>
}

/** Changes a completion the way the fault says, in place; the usage stays billed. */
export function applyAnswerFault(completion: Record<string, unknown>, fault: AnswerFault): void {
  const c = completion as Completion
  const choice = c.choices[0]
  const content = String(choice.message.content ?? '')
  switch (fault) {
    case 'refusal':
      Object.assign(choice.message, {
        content: null,
        refusal: "I'm sorry, I can't help with that."
      })
      break
    case 'contentFilter':
      Object.assign(choice.message, { content: null })
      choice.finish_reason = 'content_filter'
      break
    case 'codeFence':
      choice.message.content = `\`\`\`${content.startsWith('{') ? 'json' : ''}\n${content}\n\`\`\``
      break
    case 'overlong':
      choice.message.content = overlong(content)
      break
    case 'noPromptTokens':
      delete c.usage.prompt_tokens
      delete c.usage.total_tokens
      break
    case 'emptyChoices':
      c.choices = []
  }
}

function overlong(content: string): string {
  if (!content.startsWith('{')) return content.repeat(10)
  const fields = JSON.parse(content) as Record<string, unknown>
  for (const [key, value] of Object.entries(fields))
    if (typeof value === 'string') fields[key] = value.repeat(10)
  return JSON.stringify(fields)
}
