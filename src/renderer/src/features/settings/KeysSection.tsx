import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { apiKeySchema, keyLabelSchema, type KeyRecord } from '@shared/settings/schema'
import type { SettingsView } from '@shared/settings/view'
import { useApp } from '../../context'
import { TextField, useProblems } from './fields'
import { KeyTester } from './KeyTester'
import { useSettingsCall, useSettingsView } from './useSettings'

const newKeySchema = z.object({ label: keyLabelSchema, apiKey: apiKeySchema })

/** Keys: how they are protected here, each key (label, `sk-…abcd`, where it is kept, Test), and Add. */
export function KeysSection(): React.JSX.Element {
  const { t } = useTranslation()
  const view = useSettingsView()!
  const keys = view.settings.keys
  return (
    <div className="settings-section" data-testid="settings-keys">
      <h3>{t('settings.tabs.keys')}</h3>
      <Protection view={view} />
      {view.environmentKey && keys.length === 0 && (
        <p className="muted small" data-testid="env-key">
          {t('keys.environment', { hint: view.environmentKey })}
        </p>
      )}
      {view.notices.unreadableKeys.length > 0 && (
        <p className="settings-notice" role="alert">
          {t('keys.unreadable', { labels: view.notices.unreadableKeys.join(', ') })}
        </p>
      )}
      {keys.length === 0 ? (
        <p className="muted">{t('keys.none')}</p>
      ) : (
        <ul className="key-list" aria-label={t('keys.list')}>
          {keys.map((key) => (
            <KeyCard key={key.id} record={key} kept={view.keysKept[key.id] ?? 'missing'} />
          ))}
        </ul>
      )}
      <AddKey />
    </div>
  )
}

/** What the OS offers for keys; where Linux has only basic_text, the opt-in to save weakly. */
function Protection({ view }: { view: SettingsView }): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge } = useApp()
  const { call } = useSettingsCall()
  if (view.protection === 'os') return <p className="muted small">{t('keys.protectionOs')}</p>
  return (
    <div className="settings-notice" data-testid="weak-storage">
      <p>{t(view.protection === 'weak' ? 'keys.protectionWeak' : 'keys.protectionNone')}</p>
      {view.protection === 'weak' && (
        <label className="check">
          <input
            type="checkbox"
            checked={view.settings.allowWeakKeyStorage}
            onChange={(e) =>
              void call(() =>
                bridge.settings.update({ section: 'allowWeakKeyStorage', value: e.target.checked })
              )
            }
          />
          {t('keys.allowWeak')}
        </label>
      )}
    </div>
  )
}

function KeyCard({
  record,
  kept
}: {
  record: KeyRecord
  kept: SettingsView['keysKept'][string]
}): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge } = useApp()
  const { call, refusal } = useSettingsCall()
  const [label, setLabel] = useState(record.label)
  const [testing, setTesting] = useState(false)
  const [replacing, setReplacing] = useState(kept === 'missing')
  const problems = useProblems(keyLabelSchema, label, 'label')
  return (
    <li className="key-card" data-testid={`key-card-${record.id}`}>
      <div className="key-card-head">
        <strong>{record.label}</strong>
        <span className="mono" data-testid="key-hint">
          {record.hint}
        </span>
        <span className={`badge badge-${kept}`}>{t(`keys.kept.${kept}`)}</span>
      </div>
      <form
        className="key-card-row"
        aria-label={t('keys.rename')}
        onSubmit={(event) => {
          event.preventDefault()
          void call(() => bridge.settings.renameKey({ keyId: record.id, label }))
        }}
      >
        <TextField
          label={t('keys.label')}
          value={label}
          problem={
            problems.get('') ?? (refusal?.field?.endsWith('label') ? refusal.words : undefined)
          }
          onChange={setLabel}
        />
        <button
          type="submit"
          className="small"
          disabled={problems.size > 0 || label.trim() === record.label}
        >
          {t('keys.rename')}
        </button>
      </form>
      <div className="key-card-actions">
        <button type="button" className="small" onClick={() => setTesting(!testing)}>
          {t('keys.test')}
        </button>
        <button type="button" className="small ghost" onClick={() => setReplacing(!replacing)}>
          {t('keys.replace')}
        </button>
        <button
          type="button"
          className="small ghost danger"
          onClick={() => void call(() => bridge.settings.removeKey({ keyId: record.id }))}
        >
          {t('keys.remove')}
        </button>
      </div>
      {replacing && <ReplaceKey keyId={record.id} onDone={() => setReplacing(false)} />}
      {testing && <KeyTester keyId={record.id} />}
    </li>
  )
}

function ReplaceKey({ keyId, onDone }: { keyId: string; onDone(): void }): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge } = useApp()
  const { call, refusal } = useSettingsCall()
  const [apiKey, setApiKey] = useState('')
  const problems = useProblems(apiKeySchema, apiKey, 'apiKey')
  return (
    <div className="key-card-row">
      <TextField
        label={t('keys.newSecret')}
        type="password"
        value={apiKey}
        problem={apiKey ? (problems.get('') ?? refusal?.words) : refusal?.words}
        onChange={setApiKey}
      />
      <button
        type="button"
        className="small primary"
        disabled={problems.size > 0}
        onClick={() =>
          void call(() => bridge.settings.replaceKey({ keyId, apiKey })).then((saved) => {
            if (!saved) return
            setApiKey('')
            onDone()
          })
        }
      >
        {t('keys.saveSecret')}
      </button>
    </div>
  )
}

/** Add a key: a label and the key, both checked as you type; the key field empties once saved. */
function AddKey(): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge } = useApp()
  const { call, refusal } = useSettingsCall()
  const [draft, setDraft] = useState({ label: 'Main', apiKey: '' })
  const [touched, setTouched] = useState({ label: false, apiKey: false })
  const problems = useProblems(newKeySchema, draft)
  return (
    <form
      className="add-key"
      aria-label={t('keys.add')}
      onSubmit={(event) => {
        event.preventDefault()
        void call(() => bridge.settings.addKey(draft)).then((saved) => {
          if (!saved) return
          setDraft({ label: '', apiKey: '' })
          setTouched({ label: false, apiKey: false })
        })
      }}
    >
      <h4>{t('keys.add')}</h4>
      <TextField
        label={t('keys.label')}
        value={draft.label}
        problem={
          (touched.label ? problems.get('label') : undefined) ??
          (refusal?.field?.endsWith('label') ? refusal.words : undefined)
        }
        testId="new-key-label"
        onChange={(label) => {
          setDraft({ ...draft, label })
          setTouched({ ...touched, label: true })
        }}
      />
      <TextField
        label={t('keys.secret')}
        type="password"
        value={draft.apiKey}
        placeholder="sk-…"
        hint={t('keys.secretHint')}
        problem={
          (touched.apiKey ? problems.get('apiKey') : undefined) ??
          (refusal && !refusal.field?.endsWith('label') ? refusal.words : undefined)
        }
        testId="new-key-secret"
        onChange={(apiKey) => {
          setDraft({ ...draft, apiKey })
          setTouched({ ...touched, apiKey: true })
        }}
      />
      <button type="submit" className="primary" disabled={problems.size > 0}>
        {t('keys.addButton')}
      </button>
    </form>
  )
}
