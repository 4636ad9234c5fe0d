import { useEffect, useState } from 'react'
import type { JobOptions } from '@shared/domain/job-options'
import { useTranslation } from 'react-i18next'
import { PROVIDERS } from '@shared/settings/providers'
import { useApp, useWorkspaceState } from '../../context'
import { useFormat } from '../../words/format'
import { templateName } from '../../words/templates'
import { MoreLanguages } from './MoreLanguages'
import { ModelPicker } from '../../components/ModelPicker'

const DETAILS = [
  { id: 'low', key: 'run.detailLow' },
  { id: 'high', key: 'run.detailHigh' },
  { id: 'auto', key: 'run.detailAuto' }
] as const

/** Template, language, model, detail and budget: each change re-estimates in main at once. */
export function OptionsForm({
  options,
  locked,
  flex = 'unknown'
}: {
  options: JobOptions
  locked: boolean
  /** Whether Flex can be chosen here (the estimate says, from the model and the endpoint). */
  flex?: 'yes' | 'unknown' | 'no' | 'notHere'
}): React.JSX.Element {
  const settings = useWorkspaceState((s) => s.snapshot?.settings.settings)
  const { bridge, act } = useApp()
  const { t } = useTranslation()
  const { money } = useFormat()
  const snapshot = useWorkspaceState((s) => s.snapshot)
  const [budget, setBudget] = useState(options.budgetUsd?.toString() ?? '')
  const [budgetProblem, setBudgetProblem] = useState<string | null>(null)
  useEffect(() => setBudget(options.budgetUsd?.toString() ?? ''), [options.budgetUsd])
  const change = (patch: Parameters<typeof bridge.queue.setOptions>[0]): void =>
    void act(() => bridge.queue.setOptions(patch))
  // The price the estimate uses: the user's, else the catalog's where the endpoint charges it.
  const price =
    settings?.prices[options.model] ??
    (PROVIDERS[settings?.provider.preset ?? 'openai'].prices === 'catalog'
      ? snapshot?.models.find((m) => m.id === options.model)
      : undefined)
  return (
    <fieldset className="options" disabled={locked}>
      <label className="field-row">
        <span>{t('run.template')}</span>
        <select value={options.templateId} onChange={(e) => change({ templateId: e.target.value })}>
          {snapshot?.templates.map((template) => (
            <option key={template.id} value={template.id}>
              {templateName(template, t)}
            </option>
          ))}
        </select>
      </label>
      <label className="field-row">
        <span>{t('run.language')}</span>
        <select value={options.language} onChange={(e) => change({ language: e.target.value })}>
          {[...new Set([options.language, ...(snapshot?.languages ?? [])])].map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </label>
      <label className="field-row">
        <span>{t('run.model')}</span>
        <ModelPicker value={options.model} onChange={(model) => change({ model })} />
      </label>
      {price?.input !== undefined && (
        <p className="muted small hint">
          {t('run.price', { input: money(price.input), output: money(price.output) })}
        </p>
      )}
      <label className="field-row">
        <span>{t('run.detail')}</span>
        <select
          value={options.detail}
          onChange={(e) => change({ detail: e.target.value as JobOptions['detail'] })}
        >
          {DETAILS.map((d) => (
            <option key={d.id} value={d.id}>
              {t(d.key)}
            </option>
          ))}
        </select>
      </label>
      <label className="field-row">
        <span>{t('run.mode')}</span>
        <select
          value={options.mode}
          data-testid="mode"
          onChange={(e) => change({ mode: e.target.value as JobOptions['mode'] })}
        >
          <option value="live">{t('run.modeLive')}</option>
          <option value="flex" disabled={flex === 'no' || flex === 'notHere'}>
            {flex === 'no'
              ? t('run.modeFlexNotModel')
              : flex === 'notHere'
                ? t('run.modeFlexNotHere')
                : t('run.modeFlex')}
          </option>
          <option value="batch">{t('run.modeBatch')}</option>
        </select>
      </label>
      {options.mode === 'flex' && (
        <label className="field-row check-row">
          <input
            type="checkbox"
            data-testid="flex-fallback"
            checked={options.flexFallback}
            onChange={(e) => change({ flexFallback: e.target.checked })}
          />
          <span>{t('run.flexFallback')}</span>
        </label>
      )}
      <label className="field-row">
        <span>{t('run.budget')}</span>
        <span className="money-input">
          $
          <input
            inputMode="decimal"
            placeholder={t('run.noLimit')}
            aria-label={t('run.budgetLabel')}
            aria-invalid={budgetProblem ? 'true' : undefined}
            value={budget}
            onChange={(e) => {
              const text = e.target.value.replace(',', '.')
              setBudget(e.target.value)
              const value = text.trim() === '' ? undefined : Number(text)
              if (value !== undefined && (!Number.isFinite(value) || value < 0))
                return setBudgetProblem(t('run.budgetProblem'))
              setBudgetProblem(null)
              change({ budgetUsd: value ?? null })
            }}
          />
        </span>
      </label>
      {budgetProblem && (
        <p className="field-problem small" role="alert">
          {budgetProblem}
        </p>
      )}
      {/* Last: the row grows with each language chosen. */}
      <MoreLanguages
        options={options}
        languages={snapshot?.languages ?? []}
        onChange={(moreLanguages) => change({ moreLanguages })}
      />
    </fieldset>
  )
}
