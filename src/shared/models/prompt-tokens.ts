/**
 * Approximate prompt-token count for the text of a chat request: ~4 characters a token per part,
 * plus OpenAI's fixed per-message (3) and reply-priming (3) overhead. The simulator bills with this
 * same function, so estimates and simulated `usage` agree exactly.
 */
export function countTextTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4)
}

const PER_MESSAGE = 3
const REPLY_PRIMING = 3

/** Text tokens of a whole message list, given each message's text parts. */
export function countPromptTextTokens(messages: readonly (readonly string[])[]): number {
  let total = REPLY_PRIMING
  for (const parts of messages) {
    total += PER_MESSAGE
    for (const part of parts) total += countTextTokens(part)
  }
  return total
}
