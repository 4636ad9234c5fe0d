import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '@shared/settings/providers'
import {
  providerSchema,
  proxySchema,
  type ProviderSettings,
  type ProxySettings
} from '@shared/settings/schema'
import { useApp } from '../../context'
import { AzureFields } from './AzureFields'
import { ConnectionTester } from './ConnectionTester'
import { SaveBar, SelectField, TextField, useProblems } from './fields'
import { useSettingsCall, useSettingsView } from './useSettings'

/** Provider and network: where requests go (with what each endpoint needs), the proxy, a test. */
export function ProviderSection(): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <div className="settings-section" data-testid="settings-provider">
      <h3>{t('settings.tabs.provider')}</h3>
      <ProviderForm />
      <ProxyForm />
      <ConnectionTester />
    </div>
  )
}

function ProviderForm(): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge } = useApp()
  const saved = useSettingsView()!.settings.provider
  const [draft, setDraft] = useState<ProviderSettings>(saved)
  const [done, setDone] = useState(false)
  const { call, refusal } = useSettingsCall()
  const problems = useProblems(providerSchema, draft)
  const set = (patch: Partial<ProviderSettings>): void => {
    setDraft({ ...draft, ...patch })
    setDone(false)
  }
  const preset = PROVIDERS[draft.preset]
  const problem = (field: string): string | undefined =>
    problems.get(field) ?? (refusal?.field === `provider.${field}` ? refusal.words : undefined)
  return (
    <form
      className="settings-group"
      aria-label={t('provider.title')}
      onSubmit={(e) => e.preventDefault()}
    >
      <h4>{t('provider.title')}</h4>
      <SelectField
        label={t('provider.preset')}
        value={draft.preset}
        testId="provider-preset"
        options={PROVIDER_IDS.map((id) => ({ id, label: t(`provider.presets.${id}`) }))}
        onChange={(id: ProviderId) =>
          set({ preset: id, baseURL: PROVIDERS[id].baseURL ?? '', free: PROVIDERS[id].local })
        }
      />
      {draft.preset === 'openai' && (
        <>
          <TextField
            label={t('provider.organization')}
            value={draft.organization}
            placeholder="org-…"
            hint={t('provider.optional')}
            problem={problem('organization')}
            onChange={(organization) => set({ organization })}
          />
          <TextField
            label={t('provider.project')}
            value={draft.project}
            placeholder="proj_…"
            hint={t('provider.optional')}
            problem={problem('project')}
            onChange={(project) => set({ project })}
          />
        </>
      )}
      {draft.preset === 'azure' && <AzureFields draft={draft} set={set} problem={problem} />}
      {draft.preset !== 'openai' && draft.preset !== 'azure' && (
        <TextField
          label={t('provider.baseURL')}
          value={draft.baseURL}
          placeholder={preset.baseURL ?? 'https://…/v1'}
          problem={problem('baseURL')}
          testId="provider-base-url"
          onChange={(baseURL) => set({ baseURL })}
        />
      )}
      {preset.local && (
        <label className="check">
          <input
            type="checkbox"
            checked={draft.free}
            onChange={(e) => set({ free: e.target.checked })}
          />
          {t('provider.free')}
        </label>
      )}
      {preset.prices === 'unknown' && !draft.free && (
        <p className="muted small">{t('provider.noPrices')}</p>
      )}
      {!preset.needsKey && <p className="muted small">{t('provider.noKey')}</p>}
      <SaveBar
        disabled={problems.size > 0}
        saved={done}
        refusal={refusal && !refusal.field?.startsWith('provider.') ? refusal.words : undefined}
        onSave={() =>
          void call(() => bridge.settings.update({ section: 'provider', value: draft })).then(
            setDone
          )
        }
      />
    </form>
  )
}

function ProxyForm(): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge } = useApp()
  const view = useSettingsView()!
  const [draft, setDraft] = useState<ProxySettings>(view.settings.proxy)
  const [password, setPassword] = useState('')
  const [done, setDone] = useState(false)
  const { call } = useSettingsCall()
  const problems = useProblems(proxySchema, draft)
  const set = (patch: Partial<ProxySettings>): void => {
    setDraft({ ...draft, ...patch })
    setDone(false)
  }
  const save = async (): Promise<void> => {
    const saved =
      (await call(() => bridge.settings.update({ section: 'proxy', value: draft }))) &&
      (password === '' || (await call(() => bridge.settings.setProxyPassword({ password }))))
    if (saved) setPassword('')
    setDone(saved)
  }
  return (
    <form
      className="settings-group"
      aria-label={t('proxy.title')}
      onSubmit={(e) => e.preventDefault()}
    >
      <h4>{t('proxy.title')}</h4>
      <fieldset className="radios">
        <legend className="sr-only">{t('proxy.title')}</legend>
        {(['system', 'none', 'explicit'] as const).map((mode) => (
          <label key={mode} className="radio">
            <input
              type="radio"
              name="proxy-mode"
              value={mode}
              checked={draft.mode === mode}
              data-testid={`proxy-${mode}`}
              onChange={() => set({ mode })}
            />
            {t(`proxy.modes.${mode}`)}
          </label>
        ))}
      </fieldset>
      {draft.mode === 'explicit' && (
        <>
          <TextField
            label={t('proxy.url')}
            value={draft.url}
            placeholder="http://proxy.example.com:8080"
            problem={problems.get('url')}
            testId="proxy-url"
            onChange={(url) => set({ url })}
          />
          <TextField
            label={t('proxy.username')}
            value={draft.username}
            hint={t('provider.optional')}
            problem={problems.get('username')}
            testId="proxy-username"
            onChange={(username) => set({ username })}
          />
          <TextField
            label={t('proxy.password')}
            type="password"
            value={password}
            placeholder={view.settings.proxy.hasPassword ? '••••••••' : ''}
            hint={t(view.settings.proxy.hasPassword ? 'proxy.passwordKept' : 'proxy.passwordHint')}
            testId="proxy-password"
            onChange={(value) => {
              setPassword(value)
              setDone(false)
            }}
          />
          <TextField
            label={t('proxy.noProxy')}
            value={draft.noProxy}
            hint={t('proxy.noProxyHint')}
            problem={problems.get('noProxy')}
            testId="proxy-no-proxy"
            onChange={(noProxy) => set({ noProxy })}
          />
        </>
      )}
      {draft.mode === 'system' && <p className="muted small">{t('proxy.systemHint')}</p>}
      <SaveBar disabled={problems.size > 0} saved={done} onSave={() => void save()} />
    </form>
  )
}
