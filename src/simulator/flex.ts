import type { ChatRequest } from './chat-request'
import { SimError, invalidRequest } from './errors'
import type { Random } from './rng'
import type { FlexOptions } from './flex-options'

/**
 * The Flex tier: a model that does not take it answers 400 (as the API does), and a request may
 * find no capacity (429 `resource_unavailable`, never billed). Counts the Flex requests seen.
 */
export class FlexDesk {
  private seen = 0

  constructor(
    private readonly options: FlexOptions,
    private readonly random: Random
  ) {}

  /** Throws the refusal a Flex request gets, or does nothing (standard requests pass). */
  admit(request: Pick<ChatRequest, 'serviceTier' | 'model' | 'modelId'>): void {
    if (request.serviceTier !== 'flex') return
    if (request.model.flex === 'no')
      throw invalidRequest(
        'unsupported_value',
        `Flex processing is not available for model ${request.modelId}.`,
        'service_tier'
      )
    this.seen++
    const scripted = this.seen <= this.options.unavailableFirst
    if (scripted || this.random() < this.options.unavailable)
      throw new SimError(
        429,
        'resource_unavailable',
        'resource_unavailable',
        'Resource unavailable: Flex processing has no capacity for this request right now. Retry later or use the default service tier. You were not charged for this request.',
        null,
        this.options.retryAfterMs === undefined
          ? {}
          : { 'retry-after-ms': String(this.options.retryAfterMs) }
      )
  }

  /** How much slower a request of this tier is answered. */
  latencyFactor(request: Pick<ChatRequest, 'serviceTier'>): number {
    return request.serviceTier === 'flex' ? this.options.latencyFactor : 1
  }
}

/** The tier an answer reports it ran on. */
export function answeredTier(request: Pick<ChatRequest, 'serviceTier'>): string {
  return request.serviceTier === 'flex' ? 'flex' : 'default'
}
