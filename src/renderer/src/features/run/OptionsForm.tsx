import { useEffect, useState } from 'react'
import type { JobOptions } from '@shared/domain/job-options'
import { useApp, useWorkspaceState } from '../../context'

const DETAILS = [
  { id: 'low', label: 'Low — cheapest, enough for most product shots' },
  { id: 'high', label: 'High — reads small print, costs more' },
  { id: 'auto', label: 'Auto — the model decides' }
] as const

/** Template, language, model, detail and budget: each change re-estimates in main at once. */
export function OptionsForm({
  options,
  locked
}: {
  options: JobOptions
  locked: boolean
}): React.JSX.Element {
  const { bridge, act } = useApp()
  const snapshot = useWorkspaceState((s) => s.snapshot)
  const [budget, setBudget] = useState(options.budgetUsd?.toString() ?? '')
  const [budgetProblem, setBudgetProblem] = useState<string | null>(null)
  useEffect(() => setBudget(options.budgetUsd?.toString() ?? ''), [options.budgetUsd])
  const change = (patch: Parameters<typeof bridge.queue.setOptions>[0]): void =>
    void act(() => bridge.queue.setOptions(patch))
  const price = snapshot?.models.find((m) => m.id === options.model)
  return (
    <fieldset className="options" disabled={locked}>
      <label className="field-row">
        <span>Template</span>
        <select value={options.templateId} onChange={(e) => change({ templateId: e.target.value })}>
          {snapshot?.templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field-row">
        <span>Language</span>
        <select value={options.language} onChange={(e) => change({ language: e.target.value })}>
          {[...new Set([options.language, ...(snapshot?.languages ?? [])])].map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </label>
      <label className="field-row">
        <span>Model</span>
        <select value={options.model} onChange={(e) => change({ model: e.target.value })}>
          {snapshot?.models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      {price?.input !== undefined && (
        <p className="muted small hint">
          ${price.input} per 1M tokens in, ${price.output} out
        </p>
      )}
      <label className="field-row">
        <span>Detail</span>
        <select
          value={options.detail}
          onChange={(e) => change({ detail: e.target.value as JobOptions['detail'] })}
        >
          {DETAILS.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field-row">
        <span>Budget</span>
        <span className="money-input">
          $
          <input
            inputMode="decimal"
            placeholder="no limit"
            aria-label="Budget in US dollars"
            aria-invalid={budgetProblem ? 'true' : undefined}
            value={budget}
            onChange={(e) => {
              const text = e.target.value.replace(',', '.')
              setBudget(e.target.value)
              const value = text.trim() === '' ? undefined : Number(text)
              if (value !== undefined && (!Number.isFinite(value) || value < 0))
                return setBudgetProblem('Budget: type an amount in dollars, like 5 or 12.50.')
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
    </fieldset>
  )
}
