import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ProviderSettings } from '@shared/settings/schema'
import { DEFAULT_MODEL } from '@shared/models/catalog'
import { SelectField, TextField } from './fields'
import { useModels } from '../../hooks/useModels'

/** Azure OpenAI: the resource endpoint, the API version, and the deployment serving each model. */
export function AzureFields({
  draft,
  set,
  problem
}: {
  draft: ProviderSettings
  set(patch: Partial<ProviderSettings>): void
  problem(field: string): string | undefined
}): React.JSX.Element {
  const { t } = useTranslation()
  const models = useModels()
  const azure = draft.azure
  const setAzure = (patch: Partial<ProviderSettings['azure']>): void =>
    set({ azure: { ...azure, ...patch } })
  const [model, setModel] = useState(models[0]?.id ?? DEFAULT_MODEL)
  return (
    <>
      <TextField
        label={t('provider.azureEndpoint')}
        value={azure.endpoint}
        placeholder="https://my-resource.openai.azure.com"
        problem={problem('azure.endpoint')}
        testId="azure-endpoint"
        onChange={(endpoint) => setAzure({ endpoint })}
      />
      <TextField
        label={t('provider.apiVersion')}
        value={azure.apiVersion}
        problem={problem('azure.apiVersion')}
        onChange={(apiVersion) => setAzure({ apiVersion })}
      />
      <fieldset className="deployments">
        <legend>{t('provider.deployments')}</legend>
        <p className="muted small">{t('provider.deploymentsHint')}</p>
        <ul>
          {Object.entries(azure.deployments).map(([id, name]) => (
            <li key={id} className="deployment">
              <span className="mono small">{id}</span>
              <TextField
                label={t('provider.deploymentFor', { model: id })}
                value={name}
                problem={problem(`azure.deployments.${id}`)}
                onChange={(value) =>
                  setAzure({ deployments: { ...azure.deployments, [id]: value } })
                }
              />
              <button
                type="button"
                className="small ghost"
                onClick={() => {
                  const next = { ...azure.deployments }
                  delete next[id]
                  setAzure({ deployments: next })
                }}
              >
                {t('keys.remove')}
              </button>
            </li>
          ))}
        </ul>
        <div className="deployment-add">
          <SelectField
            label={t('provider.deploymentModel')}
            value={model}
            options={models.map((m) => ({ id: m.id, label: m.name }))}
            onChange={setModel}
          />
          <button
            type="button"
            className="small"
            data-testid="add-deployment"
            onClick={() =>
              setAzure({
                deployments: { ...azure.deployments, [model]: azure.deployments[model] ?? model }
              })
            }
          >
            {t('provider.addDeployment')}
          </button>
        </div>
      </fieldset>
    </>
  )
}
