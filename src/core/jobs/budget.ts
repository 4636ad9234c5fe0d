import { formatUsd } from '@shared/format/estimate-summary'

/**
 * A spending cap. Each request reserves its estimated cost before it starts; the answer's real
 * cost replaces the reservation. A request that would take spent + reserved over the cap is refused,
 * so the job stops cleanly (and resumably) before going over.
 */
export class Budget {
  private reserved = 0

  constructor(
    readonly capUsd: number | undefined,
    private spent: number
  ) {}

  get spentUsd(): number {
    return this.spent
  }

  /** Reserves `estimateUsd`; false when it would go over the cap. */
  reserve(estimateUsd: number): boolean {
    if (this.capUsd !== undefined && this.spent + this.reserved + estimateUsd > this.capUsd + 1e-12)
      return false
    this.reserved += estimateUsd
    return true
  }

  /** Reserves `estimateUsd` whatever the cap: work already sent before a restart (a Batch file). */
  hold(estimateUsd: number): void {
    this.reserved += estimateUsd
  }

  /** A reserved request ended: it cost `actualUsd` (0 when it failed or was served from the cache). */
  settle(estimateUsd: number, actualUsd: number): void {
    this.reserved = Math.max(0, this.reserved - estimateUsd)
    this.spent += actualUsd
  }
}

/** Why a job stops at its budget, in words (live and Batch alike). */
export function overBudgetReason(budget: Budget): string {
  const cap = formatUsd(budget.capUsd ?? 0)
  return `The next photo would take the job over its ${cap} budget (${formatUsd(budget.spentUsd)} spent so far). Raise the budget and resume.`
}
