import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { CATALOG_FIGURES_DATE, findModel, MODEL_CATALOG } from '@shared/models/catalog'
import { priceOverrideSchema } from '@shared/settings/schema'
import { useApp } from '../../context'
import { useFormat } from '../../words/format'
import { NumberField, SaveBar, TextField, useProblems } from './fields'
import { useSettingsCall, useSettingsView } from './useSettings'

const pricesSchema = z.record(z.string(), priceOverrideSchema)
type Draft = Record<string, { input: number | null; output: number | null }>

/** Prices: the catalog's, dated, and the user's per model (the estimate then says it uses them). */
export function PricesSection(): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge } = useApp()
  const { money } = useFormat()
  const saved = useSettingsView()!.settings.prices
  const [draft, setDraft] = useState<Draft>(() =>
    Object.fromEntries(
      [...new Set([...MODEL_CATALOG.map((m) => m.id), ...Object.keys(saved)])].map((id) => [
        id,
        { input: saved[id]?.input ?? null, output: saved[id]?.output ?? null }
      ])
    )
  )
  const [another, setAnother] = useState('')
  const [done, setDone] = useState(false)
  const { call } = useSettingsCall()
  const overrides = Object.fromEntries(
    Object.entries(draft).filter(([, p]) => p.input !== null || p.output !== null)
  )
  const problems = useProblems(pricesSchema, overrides)
  return (
    <form
      className="settings-section"
      data-testid="settings-prices"
      onSubmit={(e) => e.preventDefault()}
    >
      <h3>{t('settings.tabs.prices')}</h3>
      <p className="muted small">{t('prices.intro', { date: CATALOG_FIGURES_DATE })}</p>
      <table className="prices">
        <thead>
          <tr>
            <th scope="col">{t('run.model')}</th>
            <th scope="col">{t('prices.catalog')}</th>
            <th scope="col">{t('prices.yourInput')}</th>
            <th scope="col">{t('prices.yourOutput')}</th>
          </tr>
        </thead>
        <tbody>
          {Object.keys(draft).map((id) => {
            const model = { id, prices: findModel(id)?.prices }
            return (
              <tr key={model.id}>
                <th scope="row" className="mono small">
                  {model.id}
                </th>
                <td className="small muted">
                  {model.prices
                    ? t('prices.pair', {
                        input: money(model.prices.input),
                        output: money(model.prices.output)
                      })
                    : t('prices.none')}
                </td>
                {(['input', 'output'] as const).map((side) => (
                  <td key={side}>
                    <NumberField
                      label={t(side === 'input' ? 'prices.inputFor' : 'prices.outputFor', {
                        model: model.id
                      })}
                      value={draft[model.id][side]}
                      hideLabel
                      allowEmpty
                      placeholder={model.prices ? String(model.prices[side]) : ''}
                      problem={problems.get(`${model.id}.${side}`)}
                      onChange={(value) => {
                        setDraft({ ...draft, [model.id]: { ...draft[model.id], [side]: value } })
                        setDone(false)
                      }}
                    />
                  </td>
                ))}
              </tr>
            )
          })}
        </tbody>
      </table>
      <div className="deployment-add">
        <TextField
          label={t('prices.another')}
          value={another}
          placeholder="llava:13b"
          hint={t('prices.anotherHint')}
          onChange={setAnother}
        />
        <button
          type="button"
          className="small"
          disabled={another.trim() === '' || another.trim() in draft}
          onClick={() => {
            setDraft({ ...draft, [another.trim()]: { input: null, output: null } })
            setAnother('')
          }}
        >
          {t('prices.add')}
        </button>
      </div>
      <SaveBar
        disabled={problems.size > 0}
        saved={done}
        onSave={() =>
          void call(() =>
            bridge.settings.update({ section: 'prices', value: pricesSchema.parse(overrides) })
          ).then(setDone)
        }
      />
    </form>
  )
}
