import { PROMPT_CACHE_MIN_TOKENS, countTextTokens } from '@shared/models/prompt-tokens'
import type { ChatRequest } from './chat-request'

/** Cached prefixes are counted in steps of this many tokens. */
const CACHE_STEP = 128
/** A prefix is kept this long after it was last used. */
const CACHE_TTL_MS = 10 * 60 * 1000

/**
 * A key's prompt cache, as OpenAI's works for the simulator's purposes: the text before the first
 * image (the system message and instructions) is the prefix, so per-photo text there breaks the
 * match while per-photo notes after the photo do not; when the same prefix of
 * at least 1,024 tokens was sent on this key within ten minutes, `usage` reports it (in 128-token
 * steps) as `prompt_tokens_details.cached_tokens`.
 */
export class PromptCache {
  private readonly seen = new Map<string, number>()

  constructor(private readonly now: () => number) {}

  /** The cached tokens this request is billed for, and it counts as a use of its prefix. */
  read(request: Pick<ChatRequest, 'prefix'>): number {
    const prefix = request.prefix
    // A token is at least a character: a shorter prefix is never counted (the hot path).
    if (prefix.length < PROMPT_CACHE_MIN_TOKENS) return 0
    const tokens = countTextTokens(prefix)
    if (tokens < PROMPT_CACHE_MIN_TOKENS) return 0
    const now = this.now()
    const last = this.seen.get(prefix)
    this.seen.set(prefix, now)
    if (last === undefined || now - last > CACHE_TTL_MS) return 0
    return Math.floor(tokens / CACHE_STEP) * CACHE_STEP
  }
}
