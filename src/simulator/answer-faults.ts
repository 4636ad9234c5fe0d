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
  /** Each text cut to 30 characters: shorter than a field's description asks (a rule to review). */
  short: number
  /** `usage` without `prompt_tokens` (some compatible servers). */
  noPromptTokens: number
  /** A 200 whose `choices` is empty. */
  emptyChoices: number
  /** Every text starts like a spreadsheet formula (`=HYPERLINK(…)`, `+`, `-`, `@`). */
  formulaTrigger: number
  /** NUL, bell, escape, a right-to-left override and other control characters in the text. */
  controlChars: number
  /** About 100 KB of text in one answer. */
  huge: number
  /** A JSON answer cut off mid-object. */
  invalidJson: number
}

export type AnswerFault = keyof AnswerFaultOptions

const ORDER: readonly AnswerFault[] = [
  'refusal',
  'contentFilter',
  'codeFence',
  'overlong',
  'short',
  'noPromptTokens',
  'emptyChoices',
  'formulaTrigger',
  'controlChars',
  'huge',
  'invalidJson'
]

export const NO_ANSWER_FAULTS: AnswerFaultOptions = {
  refusal: 0,
  contentFilter: 0,
  codeFence: 0,
  overlong: 0,
  short: 0,
  noPromptTokens: 0,
  emptyChoices: 0,
  formulaTrigger: 0,
  controlChars: 0,
  huge: 0,
  invalidJson: 0
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

/** The faults that only rewrite the answer's text (each string of a JSON answer). */
const TEXT_CHANGES: Partial<Record<AnswerFault, (text: string, index: number) => string>> = {
  overlong: (t) => t.repeat(10),
  short: (t) => t.slice(0, 30).trimEnd(),
  formulaTrigger: (t, i) => `${TRIGGERS[i % TRIGGERS.length]}${t}`,
  controlChars: (t) => `\u0000${t}\u0007\u001b[31m\u202e${t}\u0008`,
  huge: (t) => t.padEnd(100_000, ` ${t}`)
}

/** Changes a completion the way the fault says, in place; the usage stays billed. */
export function applyAnswerFault(completion: Record<string, unknown>, fault: AnswerFault): void {
  const c = completion as Completion
  const choice = c.choices[0]
  const content = String(choice.message.content ?? '')
  const change = TEXT_CHANGES[fault]
  if (change) return void (choice.message.content = eachText(content, change))
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
    case 'invalidJson':
      choice.message.content = content.slice(0, Math.ceil(content.length / 2))
      break
    case 'noPromptTokens':
      delete c.usage.prompt_tokens
      delete c.usage.total_tokens
      break
    case 'emptyChoices':
      c.choices = []
  }
}

/** Formula starts a spreadsheet would run, as an attacker would write them. */
const TRIGGERS = [
  '=HYPERLINK("http://evil.example","click")&',
  '+1+',
  "-2+3+cmd|' /C calc'!A0 ",
  '@SUM(1)'
]

/** Changes the answer's text, or each string of a JSON answer. */
function eachText(content: string, change: (text: string, index: number) => string): string {
  if (!content.startsWith('{')) return change(content, 0)
  const fields = JSON.parse(content) as Record<string, unknown>
  Object.entries(fields).forEach(([key, value], i) => {
    if (typeof value === 'string') fields[key] = change(value, i)
  })
  return JSON.stringify(fields)
}
