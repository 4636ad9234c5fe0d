import type { RuleBreak } from '../templates/rules'
import type { FieldSpec, Template } from '../templates/template'
import { productOf } from './job-request'
import { targetKeyword } from './target-keyword'
import { HARD_TO_READ, readingEase } from './reading-ease'
import type { JobSettings } from './job-store'
import type { JobItem } from './job-state'
import { PLATFORM_NAMES } from '@shared/domain/shop-limits'
import { shopFieldLimits, type ShopFieldLimit } from './shop-field-limits'
import { fieldLanguages } from '../templates/languages'

/** A check an answer fails against the job around it (a template rule is a `RuleBreak` too). */
export type AnswerFlag = Omit<RuleBreak, 'code'> & {
  code: 'duplicate' | 'keywordMissing' | 'hardToRead' | 'tooLongForShop'
}

/** Fields checked against the job: titles and descriptions (else the first text field). */
function checkedFields(template: Template): FieldSpec[] {
  const text = template.fields.filter((field) => field.type === 'string')
  const named = text.filter((field) => /title|description/i.test(`${field.name} ${field.label}`))
  return named.length > 0 ? named : text.slice(0, 1)
}

const normal = (text: string): string => text.trim().toLowerCase().replace(/\s+/g, ' ')

/**
 * Checks each answer by the job around it: the product's target keyword (the first of the product
 * sheet's keywords) in every title and description, and no title or description the same as
 * another photo's. An index of the answers' texts is kept up to date one answer at a time.
 */
export class AnswerChecks {
  private readonly fields: FieldSpec[]
  /** Per field: each normalised text and the photos whose answer has it. */
  private readonly byText = new Map<string, Map<string, Set<string>>>()
  private readonly indexed = new Map<string, Map<string, string>>()
  /** Each answered photo's product answer: the lead photo whose request answered it. */
  private readonly answerOf = new Map<string, string>()
  /** Template fields a shop column takes, with the strictest platform limit on each. */
  private readonly shopLimits: ShopFieldLimit[]

  /** `job.settings` is read at each check: keywords typed at the desk count at once. */
  constructor(
    template: Template,
    private readonly job: { readonly settings: JobSettings }
  ) {
    this.fields = checkedFields(template)
    for (const field of this.fields) this.byText.set(field.name, new Map())
    this.shopLimits = shopFieldLimits(template, fieldLanguages(job.settings))
  }

  /** (Re)indexes one item's answer; an item without an answer leaves the index. */
  index(item: JobItem): void {
    const before = this.indexed.get(item.id)
    for (const [name, text] of before ?? []) this.byText.get(name)!.get(text)?.delete(item.id)
    this.indexed.delete(item.id)
    this.answerOf.delete(item.id)
    const answer = item.status === 'done' ? item.result?.fields : undefined
    if (!answer) return
    this.answerOf.set(item.id, item.result?.lead ?? item.id)
    const now = new Map<string, string>()
    for (const field of this.fields) {
      const value = answer[field.name]
      if (typeof value !== 'string' || !value.trim()) continue
      const text = normal(value)
      now.set(field.name, text)
      const texts = this.byText.get(field.name)!
      if (!texts.has(text)) texts.set(text, new Set())
      texts.get(text)!.add(item.id)
    }
    this.indexed.set(item.id, now)
  }

  /** The checks this item's answer fails, in field order. */
  flags(item: JobItem): AnswerFlag[] {
    const answer = item.status === 'done' ? item.result?.fields : undefined
    if (!answer) return []
    const keyword = targetKeyword(productOf(item, this.job.settings).keywords)
    return this.fields
      .flatMap((field): AnswerFlag[] => {
        const value = answer[field.name]
        if (typeof value !== 'string' || !value.trim()) return []
        const flags: AnswerFlag[] = []
        if (keyword && !normal(value).includes(normal(keyword)))
          flags.push({ code: 'keywordMissing', field: field.label, params: { word: keyword } })
        const others = this.otherAnswers(item.id, this.byText.get(field.name)!.get(normal(value)))
        if (others > 0) flags.push({ code: 'duplicate', field: field.label, params: { n: others } })
        const ease = this.inEnglish(field) ? readingEase(value) : null
        if (ease !== null && ease < HARD_TO_READ)
          flags.push({
            code: 'hardToRead',
            field: field.label,
            params: { score: Math.round(ease) }
          })
        return flags
      })
      .concat(this.tooLongForShop(answer))
  }

  /**
   * Answers with the same text besides this photo's own product's: photos answered together (a
   * product's) share their listing by design and are not duplicates of each other.
   */
  private otherAnswers(id: string, photos: Set<string> | undefined): number {
    const own = this.answerOf.get(id) ?? id
    const answers = new Set([...(photos ?? [])].map((photo) => this.answerOf.get(photo) ?? photo))
    answers.delete(own)
    return answers.size
  }

  /** Texts longer than a shop's column takes: flagged here, before an export would refuse them. */
  private tooLongForShop(answer: Record<string, unknown>): AnswerFlag[] {
    return this.shopLimits.flatMap(({ field, label, rule }) => {
      const value = answer[field]
      const length = typeof value === 'string' ? [...value].length : 0
      if (length <= rule.limit) return []
      const params = {
        length,
        max: rule.limit,
        column: rule.column,
        shop: PLATFORM_NAMES[rule.format]
      }
      return [{ code: 'tooLongForShop' as const, field: label, params }]
    })
  }

  /** Reading ease is an English measure: a field in English (its own, or the job's only language). */
  private inEnglish(field: FieldSpec): boolean {
    if (/\(English\)$/.test(field.label)) return true
    const { language, moreLanguages } = this.job.settings
    return language === 'English' && !moreLanguages?.length
  }
}
