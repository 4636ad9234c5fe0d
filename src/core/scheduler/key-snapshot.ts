/** One request on its way: its place in send order, when it left, what it charged. */
export interface SendTicket {
  seq: number
  sentAt: number
  charge: number
  /** The server refused it (429): it never counted there. */
  refused?: boolean
}

/** What the UI and CLI show for one key. */
export interface KeySnapshot {
  id: string
  label: string
  rpm: number
  tpm: number
  limitsFrom: 'settings' | 'headers'
  remainingRequests?: number
  remainingTokens?: number
  coolingDownUntil?: number
  /** Which limit the 429 that started the cooling named. */
  coolingLimit?: 'requests' | 'tokens'
  /** Why the key cools down: a 429, or the endpoint cannot be reached (circuit breaker open). */
  coolingCause?: 'rate_limit' | 'network'
  inFlight: number
  concurrencyCap: number
  latencyP50?: number
  latencyP95?: number
  rateLimitHits: number
  /** How many times 429s cut this process's rate (someone else uses the key). */
  rateCuts?: number
  /** The share of the limit paced at now (below 1 after cuts, or split with other processes). */
  pace?: number
  /** Other processes on this machine use the key now (the rate is split with them). */
  sharedOnMachine?: boolean
  stoppedReason?: string
}
