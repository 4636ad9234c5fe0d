import { findImageModel, tokensCostUsd } from '@shared/models/image-models'
import { Budget } from '../jobs/budget'
import type { ImageOutcome, ImageUsage } from './image-request'
import type { ModelAsk } from './recipes'
import { eachImage } from './studio-plan'

/**
 * A studio run's money: each image reserves what it is expected to cost before it is sent (the
 * catalog's figure until answers come, then their average by `usage`), and settles at what it cost.
 */
export class ImageSpend {
  private readonly budget: Budget
  private eachUsd: number
  private answered = 0

  constructor(
    private readonly ask: ModelAsk | undefined,
    private readonly budgetUsd: number | undefined
  ) {
    this.budget = new Budget(budgetUsd, 0)
    this.eachUsd = ask ? eachImage(ask).costUsd : 0
  }

  get spentUsd(): number {
    return this.budget.spentUsd
  }

  /** What one image has cost on average by the answers' `usage`; null before any answer. */
  get observedEachUsd(): number | null {
    return this.answered > 0 ? this.eachUsd : null
  }

  /** Reserves the next image's expected cost: the amount, or null with why when over budget. */
  reserve(): { reservedUsd: number } | { overBudget: string } {
    const reservedUsd = this.eachUsd
    if (this.budget.reserve(reservedUsd)) return { reservedUsd }
    return {
      overBudget: `The next image would take the run over its $${this.budgetUsd} budget ($${this.spentUsd.toFixed(2)} spent).`
    }
  }

  /**
   * Settles a reservation: an answer at its `usage` (and the average learns from it), a request
   * that may have been billed at the estimate, anything else at nothing.
   */
  settle(reservedUsd: number, outcome: ImageOutcome | null): void {
    let cost = 0
    if (outcome?.kind === 'possiblyBilled') cost = reservedUsd
    if (outcome?.kind === 'done') {
      cost = this.priced(outcome.usage)
      this.answered++
      this.eachUsd += (cost - this.eachUsd) / this.answered
    }
    this.budget.settle(reservedUsd, cost)
  }

  private priced(usage: ImageUsage): number {
    return usageCostUsd(this.ask!.model, usage)
  }
}

/** What an answer cost by its `usage` at the model's prices (live; the Batch API bills half). */
export function usageCostUsd(model: string, usage: ImageUsage): number {
  return tokensCostUsd(findImageModel(model)!, {
    textTokens: Math.max(0, usage.inputTokens - usage.inputImageTokens),
    imageTokens: usage.inputImageTokens,
    outputTokens: usage.outputTokens
  })
}
