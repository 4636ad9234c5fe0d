import type { ChatCompletionMessageParam } from 'openai/resources/chat/completions'
import type { ChatBody } from '../openai/transport'

/** How many times an answer that breaks a rule is asked again before it is flagged for review. */
export const MAX_REASKS = 1

const SEPARATOR = '~reask'

/** A runaway answer is quoted only this far: re-asking with all 100 KB of it would pay ~85k tokens. */
export const MAX_QUOTED_ANSWER = 4_000

/** The job item a work item belongs to (follow-ups carry a suffix). */
export function itemIdOf(workId: string): string {
  return workId.split(SEPARATOR)[0]
}

/** How many follow-ups came before this work item. */
export function reaskCount(workId: string): number {
  const match = new RegExp(`${SEPARATOR}(\\d+)$`).exec(workId)
  return match ? Number(match[1]) : 0
}

/** The id of the next follow-up of a work item. */
export function nextReaskId(workId: string): string {
  return `${itemIdOf(workId)}${SEPARATOR}${reaskCount(workId) + 1}`
}

/**
 * Asks again for an answer that broke a rule (length, count, wording): the instructions, the
 * rejected text and the rule, without the photo. The facts are already in the answer, so only
 * the wording changes and the image is not paid for twice.
 */
export function reaskBody(body: ChatBody, answer: string, broken: string): ChatBody {
  const messages = body.messages.map(textOnly)
  const cut = answer.length > MAX_QUOTED_ANSWER
  const note = cut
    ? ` (It was ${answer.length.toLocaleString('en')} characters long; only its start is quoted.)`
    : ''
  return {
    ...body,
    messages: [
      ...messages,
      { role: 'assistant', content: cut ? answer.slice(0, MAX_QUOTED_ANSWER) : answer },
      {
        role: 'user',
        content: `That answer broke a rule: ${broken}.${note} Rewrite it so it keeps every rule, with the same facts and in the same format.`
      }
    ]
  }
}

/** The text of the messages of a request, one list of parts per message (what the estimator counts). */
export function messageTexts(body: ChatBody): string[][] {
  return body.messages.map((message) => {
    const content = message.content
    if (typeof content === 'string') return [content]
    if (!Array.isArray(content)) return []
    return content.flatMap((part) =>
      'text' in part && typeof part.text === 'string' ? [part.text] : []
    )
  })
}

function textOnly(message: ChatCompletionMessageParam): ChatCompletionMessageParam {
  if (message.role !== 'user' || typeof message.content === 'string') return message
  const texts = message.content.flatMap((part) => (part.type === 'text' ? [part.text] : []))
  return {
    role: 'user',
    content: `${texts.join('\n')}\n(The photo is described in your answer below.)`
  }
}
