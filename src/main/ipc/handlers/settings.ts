import type { Handlers } from '@shared/ipc/routes'
import { probeCostUsd } from '../../settings/probes'
import type { Workspace } from '../../workspace/workspace'

/** `settings:*`: every change goes through the settings service; tests go through the connection. */
export function settingsHandlers(ws: Workspace): Handlers['settings'] {
  const connection = ws.deps.connection
  const settings = connection.settings
  return {
    get: () => settings.view(),
    update: (patch) => settings.update(patch),
    addKey: ({ label, apiKey }) => settings.addKey(label, apiKey),
    replaceKey: ({ keyId, apiKey }) => settings.replaceKeySecret(keyId, apiKey),
    renameKey: ({ keyId, label }) => settings.renameKey(keyId, label),
    removeKey: ({ keyId }) => settings.removeKey(keyId),
    setKeyModels: ({ keyId, models }) => settings.setKeyModels(keyId, models),
    setKeyLimits: ({ keyId, model, limits }) => settings.setKeyLimits(keyId, model, limits),
    setProxyPassword: ({ password }) => settings.setProxyPassword(password),
    testKeyCost: ({ model }) => probeCostUsd(model),
    testKey: ({ keyId, model }) => connection.testKey(keyId, model),
    testConnection: () => connection.testConnection()
  }
}
