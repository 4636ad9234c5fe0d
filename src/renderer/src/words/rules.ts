import type { TFunction } from 'i18next'
import type { QueueRow } from '@shared/domain/queue'
import en from '@shared/i18n/locales/en.json'

type RuleKey = keyof typeof en.rule.says

type Rule = NonNullable<QueueRow['rule']>

/** The rule an answer breaks, in the window's language (the journal's English when it has no code). */
export function ruleText(row: Pick<QueueRow, 'rule' | 'review'>, t: TFunction): string | undefined {
  const rule = row.rule
  if (!rule || !(rule.code in en.rule.says)) return row.review
  return breakText(rule, t)
}

/** A rule or a check against the job, with its field and list entry, in the window's language. */
export function breakText(rule: Rule, t: TFunction): string {
  if (!(rule.code in en.rule.says)) return rule.code
  const words = t(`rule.says.${rule.code as RuleKey}`, { ...rule.params })
  const entry = rule.entry === undefined ? words : t('rule.entry', { entry: rule.entry, words })
  return rule.field ? t('rule.field', { field: rule.field, words: entry }) : entry
}

/** A rule's name for the filter ("Too long"). */
export function ruleName(code: string, t: TFunction): string {
  return code in en.rule.names ? t(`rule.names.${code as RuleKey}`) : code
}
