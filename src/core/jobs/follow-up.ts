import type { ModelPrices } from '@shared/models/catalog'
import { countPromptTextTokens } from '@shared/models/prompt-tokens'
import type { CompletionUsage } from 'openai/resources/completions'
import { tokenCost } from '../estimate/catalog-overrides'
import { messageTexts, nextReaskId, reaskBody } from '../templates/reask'
import type { JobRequest } from './job-request'
import type { Spend } from './journal-events'

/** A text-only re-ask of an answer that broke a rule, priced and charged for admission. */
export function reaskRequest(
  request: JobRequest,
  answer: string,
  broken: string,
  prices: ModelPrices | null
): JobRequest {
  const body = reaskBody(request.work.body, answer, broken)
  const promptTokens = countPromptTextTokens(messageTexts(body))
  const outputTokens = request.estimate.outputTokens
  return {
    work: {
      id: nextReaskId(request.work.id),
      body,
      chargeTokens: promptTokens + (body.max_completion_tokens ?? 0)
    },
    cacheKey: request.cacheKey,
    estimate: { promptTokens, outputTokens },
    estimateUsd: prices ? tokenCost(prices, promptTokens, outputTokens, isFlex(body)) : 0,
    ...kept(request)
  }
}

/** The same request with twice the answer budget: for an answer cut off at `finish_reason: length`. */
export function largerBudgetRequest(request: JobRequest, prices: ModelPrices | null): JobRequest {
  const max = request.work.body.max_completion_tokens ?? 0
  const outputTokens = request.estimate.outputTokens * 2
  return {
    work: {
      id: nextReaskId(request.work.id),
      body: { ...request.work.body, max_completion_tokens: max * 2 },
      chargeTokens: request.work.chargeTokens + max
    },
    cacheKey: request.cacheKey,
    estimate: { ...request.estimate, outputTokens },
    estimateUsd: prices
      ? tokenCost(prices, request.estimate.promptTokens, outputTokens, isFlex(request.work.body))
      : 0,
    ...kept(request)
  }
}

/** A follow-up keeps what its request was for: the fields kept, the product's photos. */
function kept(request: JobRequest): Pick<JobRequest, 'keepFields' | 'product'> {
  return {
    ...(request.keepFields ? { keepFields: request.keepFields } : {}),
    ...(request.product ? { product: request.product } : {})
  }
}

/**
 * What one paid attempt cost, from its `usage`. Numbers the server left out are taken from the
 * estimate, so a partial `usage` never makes the spend NaN or zero and the budget keeps holding.
 */
export function attemptSpend(
  prices: ModelPrices | null,
  usage: Partial<CompletionUsage> | undefined | null,
  estimate: JobRequest['estimate'] | undefined,
  flex = false
): Spend {
  const count = (value: unknown, fallback: number | undefined): number =>
    typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : (fallback ?? 0)
  const promptTokens = count(usage?.prompt_tokens, estimate?.promptTokens)
  const completionTokens = count(usage?.completion_tokens, estimate?.outputTokens)
  const details = usage?.prompt_tokens_details as
    { cached_tokens?: unknown; cache_write_tokens?: unknown } | undefined
  const cachedTokens = count(details?.cached_tokens, 0)
  const cache = { read: cachedTokens, written: count(details?.cache_write_tokens, 0) }
  // Flex is billed at Batch prices, prompt-cache discounts included.
  const costUsd = prices ? tokenCost(prices, promptTokens, completionTokens, flex, cache) : 0
  return cachedTokens > 0
    ? { costUsd, promptTokens, completionTokens, cachedTokens }
    : { costUsd, promptTokens, completionTokens }
}

/** Whether a request asks for Flex processing (its answers are billed at Flex prices). */
export function isFlex(body: { service_tier?: string | null } | null | undefined): boolean {
  return body?.service_tier === 'flex'
}
