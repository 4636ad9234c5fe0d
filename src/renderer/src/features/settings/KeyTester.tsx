import { useEffect, useState } from 'react'
import { problemText } from '../../words/problems'
import { useTranslation } from 'react-i18next'
import type { KeyTest } from '@shared/settings/probes'
import { useApp } from '../../context'
import { useFormat } from '../../words/format'
import { SelectField } from './fields'
import { useSettingsCall, useSettingsView } from './useSettings'
import { useModels } from '../../hooks/useModels'

/**
 * "Test key": the cost first (a fraction of a cent), then one tiny request for the chosen model:
 * valid or why not, and the limits its headers report, offered as the key's limits.
 */
export function KeyTester({ keyId }: { keyId: string }): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge, act } = useApp()
  const { money, count } = useFormat()
  const view = useSettingsView()!
  const models = useModels()
  const [model, setModel] = useState(view.settings.defaults.model)
  const [cost, setCost] = useState<number | null | undefined>(undefined)
  const [result, setResult] = useState<KeyTest | null>(null)
  const [busy, setBusy] = useState(false)
  const [adopted, setAdopted] = useState(false)
  const { call } = useSettingsCall()
  useEffect(() => {
    let alive = true
    void bridge.settings.testKeyCost({ model }).then((usd) => alive && setCost(usd))
    return () => {
      alive = false
    }
  }, [bridge, model])
  const test = async (): Promise<void> => {
    setBusy(true)
    setResult((await act(() => bridge.settings.testKey({ keyId, model }))) ?? null)
    setBusy(false)
  }
  const limits = result?.rpm != null && result.tpm != null
  return (
    <div className="key-tester" data-testid="key-tester">
      <SelectField
        label={t('keys.testModel')}
        value={model}
        options={models.map((m) => ({ id: m.id, label: m.name }))}
        onChange={(next) => {
          setModel(next)
          setResult(null)
          setAdopted(false)
        }}
      />
      <p className="muted small" data-testid="test-cost">
        {cost === undefined
          ? t('app.starting')
          : cost === null
            ? t('keys.testCostUnknown')
            : t('keys.testCost', { model, money: money(cost) })}
      </p>
      <button type="button" className="small" disabled={busy} onClick={() => void test()}>
        {busy ? t('keys.testing') : t('keys.testNow')}
      </button>
      {result && (
        <div className={`key-test key-test-${result.outcome}`} role="status" data-testid="key-test">
          <p>
            {t(`keys.outcome.${result.outcome}`, { model: result.model })}
            {limits &&
              ` ${t('keys.allows', { rpm: count(result.rpm!), tpm: count(result.tpm!), model: result.model })}`}{' '}
            <span className="muted small">
              {t('proxy.latency', { ms: count(result.latencyMs) })}
            </span>
          </p>
          {result.message && <p className="mono small">{result.message}</p>}
          {result.lifecycle && (
            <p className="key-test-model" data-testid="key-test-model">
              {problemText(result.lifecycle, t)}
            </p>
          )}
          {limits && adopted && (
            <p className="small" role="status">
              {t('keys.limitsAdopted', { model: result.model })}
            </p>
          )}
          {limits && !adopted && (
            <button
              type="button"
              className="small primary"
              data-testid="use-limits"
              onClick={() =>
                void call(() =>
                  bridge.settings.setKeyLimits({ keyId, model, limits: { source: 'headers' } })
                ).then(setAdopted)
              }
            >
              {t('keys.useLimits')}
            </button>
          )}
        </div>
      )}
    </div>
  )
}
