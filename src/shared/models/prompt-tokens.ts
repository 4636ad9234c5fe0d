import { countTokens } from 'gpt-tokenizer/encoding/o200k_base'

/** Tokens of one text with o200k_base, the encoding of the gpt-4o, gpt-4.1, gpt-5 and o-series models. */
export function countTextTokens(text: string): number {
  return text.length === 0 ? 0 : countTokens(text)
}

// Each message costs 3 tokens of framing plus its role (system, user, assistant: 1 token each).
const PER_MESSAGE = 3 + 1
const REPLY_PRIMING = 3

/**
 * Prompt text tokens of a chat request, given each message's text parts: the parts' tokens plus
 * OpenAI's per-message framing and role (4) and reply priming (3): one user message "Hello" bills
 * 8 prompt tokens on gpt-4o. The simulator bills with this
 * same function, so estimates and simulated `usage` agree exactly.
 */
export function countPromptTextTokens(messages: readonly (readonly string[])[]): number {
  let total = REPLY_PRIMING
  for (const parts of messages) {
    total += PER_MESSAGE
    for (const part of parts) total += countTextTokens(part)
  }
  return total
}

/** OpenAI caches a prompt's prefix from this many tokens on (never reached by padding). */
export const PROMPT_CACHE_MIN_TOKENS = 1024
