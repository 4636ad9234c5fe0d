import type { ModelPrices } from '@shared/models/catalog'
import type { ChatCompletion } from 'openai/resources/chat/completions'
import { parseAnswer, type ParsedAnswer } from '../templates/parse-answer'
import { MAX_REASKS, itemIdOf, reaskCount } from '../templates/reask'
import { brokenRule } from '../templates/rules'
import type { Template } from '../templates/template'
import type { Budget } from './budget'
import { attemptSpend, largerBudgetRequest, reaskRequest } from './follow-up'
import type { JobRequest } from './job-request'
import { addSpend } from './job-state'
import type { ItemResult, Spend } from './journal-events'
import type { JobRecorder } from './recorder'
import type { UsageLearning } from '../estimate/usage-learning'
import { productTemplate, type ProductPhotos } from './products'

/** What the desk needs from the run around it. */
export interface DeskContext {
  template: Template
  prices: ModelPrices | null
  budget: Budget
  recorder: () => JobRecorder
  /** Sends a follow-up request; false when the job is closing. */
  send: (request: JobRequest) => boolean
  /** Learns image tokens from answers' `usage` and admission charges from 429s. */
  learning?: UsageLearning
}

/**
 * Turns answers into results: prices every paid attempt, parses it, checks the template's rules,
 * asks again (text only) once when a rule breaks, and records what was paid even when the answer
 * cannot be used. A rule-breaking answer is journaled (needs review) before the re-ask goes out.
 */
export class AnswerDesk {
  private readonly spend = new Map<string, Spend>()
  private readonly requests = new Map<string, JobRequest>()
  /** Answers kept for review while a follow-up is out (the journal write may still be running). */
  private readonly reviewed = new Map<string, { result: ItemResult; product?: ProductPhotos }>()

  constructor(private readonly ctx: DeskContext) {}

  /** Remembers a request in flight (its reservation is settled when it ends). */
  sent(request: JobRequest): void {
    this.requests.set(request.work.id, request)
  }

  /** A request failed without an answer: release its reservation and record the item. */
  failed(workId: string, kind: string, reason: string): void {
    const request = this.take(workId)
    this.ctx.budget.settle(request?.estimateUsd ?? 0, 0)
    const id = itemIdOf(workId)
    const earlier = this.reviewed.get(id)
    if (earlier) return this.keep(id, earlier)
    void this.ctx.recorder().failed(id, kind, reason, this.takeSpend(id), request?.product?.photos)
  }

  /** An answer arrived. */
  answered(workId: string, completion: ChatCompletion, latencyMs: number): void {
    const request = this.take(workId)
    const id = itemIdOf(workId)
    const prices = request && 'pricedAt' in request ? (request.pricedAt ?? null) : this.ctx.prices
    // Billed at the tier the answer ran on: a Flex request may have gone standard (fallback).
    const tier = completion.service_tier ?? undefined
    const attempt = attemptSpend(prices, completion.usage, request?.estimate, tier === 'flex')
    this.learnImage(request, completion.usage?.prompt_tokens)
    this.ctx.budget.settle(request?.estimateUsd ?? 0, attempt.costUsd)
    const spent = addSpend(this.spend.get(id), attempt)
    this.spend.set(id, spent)
    const template = productTemplate(this.ctx.template, request?.product)
    const parsed = keeping(parseAnswer(template, completion), request?.keepFields)
    if (!parsed.ok) return this.unusable(workId, parsed, request)
    const broken = brokenRule(template, parsed.fields)
    const result: ItemResult = {
      text: parsed.text,
      fields: parsed.fields,
      model: completion.model,
      ...spent,
      ...(tier ? { serviceTier: tier } : {}),
      latencyMs,
      finishReason: completion.choices[0]?.finish_reason ?? 'stop',
      fromCache: false,
      review: broken ?? undefined
    }
    const reask =
      broken && request && reaskCount(workId) < MAX_REASKS
        ? reaskRequest(request, parsed.text, broken, this.ctx.prices)
        : null
    const product = request?.product
    void this.ctx.recorder().done(id, result, broken ? null : (request?.cacheKey ?? null), product)
    if (reask && this.followUp(reask)) return void this.reviewed.set(id, { result, product })
    this.spend.delete(id)
    this.reviewed.delete(id)
  }

  private unusable(
    workId: string,
    parsed: Extract<ParsedAnswer, { ok: false }>,
    request: JobRequest | undefined
  ): void {
    const id = itemIdOf(workId)
    const retry =
      parsed.code === 'truncated' && request && !request.textOnly && reaskCount(workId) === 0
        ? largerBudgetRequest(request, this.ctx.prices)
        : null
    if (retry && this.followUp(retry)) return
    const earlier = this.reviewed.get(id)
    if (earlier) return this.keep(id, earlier)
    const photos = request?.product?.photos
    void this.ctx.recorder().failed(id, parsed.code, parsed.reason, this.takeSpend(id), photos)
  }

  /** A follow-up failed or was unusable: the earlier answer stays, with everything paid since. */
  private keep(
    id: string,
    { result: earlier, product }: { result: ItemResult; product?: ProductPhotos }
  ): void {
    this.reviewed.delete(id)
    const spent = this.takeSpend(id)
    const paidMore =
      spent &&
      spent.promptTokens + spent.completionTokens > earlier.promptTokens + earlier.completionTokens
    if (paidMore) void this.ctx.recorder().done(id, { ...earlier, ...spent }, null, product)
  }

  /** Sends a follow-up if the budget has room for it. */
  private followUp(request: JobRequest): boolean {
    if (!this.ctx.budget.reserve(request.estimateUsd)) return false
    this.requests.set(request.work.id, request)
    if (this.ctx.send(request)) return true
    this.requests.delete(request.work.id)
    this.ctx.budget.settle(request.estimateUsd, 0)
    return false
  }

  /** A 429 said what admission charged a request: the per-image part is learned. */
  charged(workId: string, requested: number): void {
    const request = this.requests.get(workId)
    const teaches = request?.teaches
    if (!teaches || !this.ctx.learning) return
    const maxOutput = request.work.body.max_completion_tokens ?? 0
    const perImage = (requested - teaches.textTokens - maxOutput) / Math.max(1, teaches.images)
    this.ctx.learning.observeAdmission(teaches.model, teaches.detail, perImage)
  }

  /** `usage.prompt_tokens` minus the text's tokens is what the photo was billed. */
  private learnImage(request: JobRequest | undefined, promptTokens: unknown): void {
    const teaches = request?.teaches
    if (!teaches || request.textOnly || typeof promptTokens !== 'number') return
    const billed = promptTokens - teaches.textTokens
    this.ctx.learning?.observeImage(teaches.model, teaches.detail, teaches.ruleImageTokens, billed)
  }

  private take(workId: string): JobRequest | undefined {
    const request = this.requests.get(workId)
    this.requests.delete(workId)
    return request
  }

  private takeSpend(id: string): Spend | undefined {
    const spent = this.spend.get(id)
    this.spend.delete(id)
    return spent
  }
}

/** An answer to one field asked for again: the new field, with the other fields as they were. */
function keeping(parsed: ParsedAnswer, kept: Record<string, unknown> | undefined): ParsedAnswer {
  if (!parsed.ok || !kept) return parsed
  const fields = { ...parsed.fields, ...kept }
  return { ok: true, text: JSON.stringify(fields), fields }
}
