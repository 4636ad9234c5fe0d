/** How the simulated Flex tier behaves. */
export interface FlexOptions {
  /** Flex answers take this many times as long as standard ones. */
  latencyFactor: number
  /** Share of Flex requests refused with 429 `resource_unavailable` (not billed). */
  unavailable: number
  /** The first n Flex requests are refused so (a scripted shortage). */
  unavailableFirst: number
  /** Sent as `retry-after-ms` with a refusal (OpenAI sends none: tests shorten the wait). */
  retryAfterMs?: number
}

export const DEFAULT_FLEX: FlexOptions = { latencyFactor: 3, unavailable: 0, unavailableFirst: 0 }
