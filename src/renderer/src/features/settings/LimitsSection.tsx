import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { tierPresets } from '@shared/models/tiers'
import { findModel, MODEL_CATALOG } from '@shared/models/catalog'
import { modelLimitsSchema, type KeyRecord, type ModelLimits } from '@shared/settings/schema'
import { useApp } from '../../context'
import { useFormat } from '../../words/format'
import { NumberField, SaveBar, SelectField, useProblems } from './fields'
import { useSettingsCall, useSettingsView } from './useSettings'
import { useModels } from '../../hooks/useModels'

type Source = 'catalog' | 'custom' | 'headers' | `tier${number}`

/** Limits: per key and model, a tier preset, numbers, or the headers' values, side by side. */
export function LimitsSection(): React.JSX.Element {
  const { t } = useTranslation()
  const view = useSettingsView()!
  const models = useModels()
  const [model, setModel] = useState(view.settings.defaults.model)
  return (
    <div className="settings-section" data-testid="settings-limits">
      <h3>{t('settings.tabs.limits')}</h3>
      <p className="muted small">{t('limitsSettings.intro')}</p>
      <SelectField
        label={t('limitsSettings.model')}
        value={model}
        options={models.map((m) => ({ id: m.id, label: m.name }))}
        onChange={setModel}
      />
      {view.settings.keys.length === 0 ? (
        <p className="muted">{t('limitsSettings.noKeys')}</p>
      ) : (
        view.settings.keys.map((key) => (
          <KeyLimitsForm key={`${key.id}-${model}`} record={key} model={model} />
        ))
      )}
    </div>
  )
}

function KeyLimitsForm({ record, model }: { record: KeyRecord; model: string }): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge } = useApp()
  const { count } = useFormat()
  const { call } = useSettingsCall()
  const saved = record.limits[model]
  const [source, setSource] = useState<Source>(sourceOf(saved))
  const [custom, setCustom] = useState<CustomLimits>({
    rpm: saved?.rpm ?? null,
    tpm: saved?.tpm ?? null,
    batchQueue: saved?.batchQueue ?? null
  })
  const [done, setDone] = useState(false)
  const limits = limitsOf(source, custom)
  const problems = useProblems(modelLimitsSchema, limits ?? { source: 'headers' })
  const reported = record.reported[model]
  const tiers = tierPresets(model)
  const allowed = record.models.length === 0 || record.models.includes(model)
  const options: { id: Source; label: string }[] = [
    { id: 'catalog', label: t('limitsSettings.sources.catalog') },
    ...tiers.map((tier) => ({
      id: `tier${tier.tier}` as Source,
      label: t('limitsSettings.sources.tier', {
        tier: tier.tier,
        rpm: count(tier.limits.rpm),
        tpm: count(tier.limits.tpm)
      })
    })),
    { id: 'custom', label: t('limitsSettings.sources.custom') },
    { id: 'headers', label: t('limitsSettings.sources.headers') }
  ]
  return (
    <form
      className="settings-group key-limits-form"
      aria-label={record.label}
      onSubmit={(e) => e.preventDefault()}
    >
      <h4>
        {record.label} <span className="mono muted small">{record.hint}</span>
      </h4>
      <label className="check">
        <input
          type="checkbox"
          checked={allowed}
          disabled={allowed && record.models.length === 1}
          onChange={(e) =>
            void call(() =>
              bridge.settings.setKeyModels({
                keyId: record.id,
                models: modelsAfter(record.models, model, e.target.checked)
              })
            )
          }
        />
        {t('limitsSettings.allowed', { model })}
      </label>
      <SelectField
        label={t('limitsSettings.source')}
        value={source}
        options={options}
        onChange={(next) => {
          setSource(next)
          setDone(false)
        }}
      />
      {source === 'custom' && (
        <div className="field-pair">
          {CUSTOM_FIELDS.map(([field, label]) => (
            <NumberField
              key={field}
              label={t(label)}
              value={custom[field]}
              allowEmpty
              problem={problems.get(field)}
              onChange={(value) => setCustom({ ...custom, [field]: value })}
            />
          ))}
        </div>
      )}
      <p className="muted small" data-testid="reported">
        {reported
          ? t('limitsSettings.reported', {
              rpm: reported.rpm === undefined ? '—' : count(reported.rpm),
              tpm: reported.tpm === undefined ? '—' : count(reported.tpm)
            })
          : t('limitsSettings.notReported')}
        {' · '}
        {catalogWords(model, t, count)}
      </p>
      <SaveBar
        disabled={problems.size > 0 || (source === 'headers' && !reported)}
        saved={done}
        onSave={() =>
          void call(() => bridge.settings.setKeyLimits({ keyId: record.id, model, limits })).then(
            setDone
          )
        }
      />
    </form>
  )
}

function sourceOf(limits: ModelLimits | undefined): Source {
  if (!limits) return 'catalog'
  return limits.source === 'tier' ? `tier${limits.tier ?? 1}` : limits.source
}

interface CustomLimits {
  rpm: number | null
  tpm: number | null
  batchQueue: number | null
}

/** The numbers a custom limit takes, with their labels. */
const CUSTOM_FIELDS = [
  ['rpm', 'limits.rpm'],
  ['tpm', 'limits.tpm'],
  ['batchQueue', 'limitsSettings.batchQueue']
] as const satisfies readonly (readonly [keyof CustomLimits, string])[]

function limitsOf(source: Source, custom: CustomLimits): ModelLimits | null {
  if (source === 'catalog') return null
  if (source === 'headers') return { source: 'headers' }
  if (source === 'custom')
    return {
      source: 'custom',
      rpm: custom.rpm ?? undefined,
      tpm: custom.tpm ?? undefined,
      batchQueue: custom.batchQueue ?? undefined
    }
  return { source: 'tier', tier: Number(source.slice(4)) }
}

/** The key's model list after allowing or refusing one (empty means any catalog model). */
function modelsAfter(models: string[], model: string, allow: boolean): string[] {
  if (allow) return models.length === 0 ? [] : [...new Set([...models, model])]
  const all = models.length === 0 ? MODEL_CATALOG.map((m) => m.id) : models
  return all.filter((id) => id !== model)
}

function catalogWords(model: string, t: TFunction, count: (n: number) => string): string {
  const tier1 = findModel(model)?.tier1Limits
  return tier1
    ? t('limitsSettings.catalog', { rpm: count(tier1.rpm), tpm: count(tier1.tpm) })
    : t('limitsSettings.noCatalog')
}
