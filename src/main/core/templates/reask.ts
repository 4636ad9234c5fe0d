import { countTextTokens } from '@shared/models/prompt-tokens'
import type { ChatBody } from '../openai/transport'
import type { WorkItem } from '../scheduler/types'

/** How many times an answer that breaks a rule is asked again before it is flagged for review. */
export const MAX_REASKS = 1

const SEPARATOR = '~reask'

/** The job item a work item belongs to (re-asks carry a suffix). */
export function itemIdOf(workId: string): string {
  return workId.split(SEPARATOR)[0]
}

/** How many times this work item has been re-asked already. */
export function reaskCount(workId: string): number {
  const match = new RegExp(`${SEPARATOR}(\\d+)$`).exec(workId)
  return match ? Number(match[1]) : 0
}

/** The same request plus the answer and what rule it broke: only this item is asked again. */
export function reaskWork(work: WorkItem, answer: string, broken: string): WorkItem {
  const correction = `That answer broke a rule: ${broken}. Answer again and keep every rule.`
  const body: ChatBody = {
    ...work.body,
    messages: [
      ...work.body.messages,
      { role: 'assistant', content: answer },
      { role: 'user', content: correction }
    ]
  }
  const n = reaskCount(work.id) + 1
  return {
    id: `${itemIdOf(work.id)}${SEPARATOR}${n}`,
    body,
    chargeTokens: work.chargeTokens + countTextTokens(answer) + countTextTokens(correction) + 6
  }
}
