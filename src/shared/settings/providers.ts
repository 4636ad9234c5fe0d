/** The endpoints people use, with what each needs and whether the catalog's prices apply there. */
export const PROVIDER_IDS = [
  'openai',
  'azure',
  'openrouter',
  'ollama',
  'lmstudio',
  'vllm',
  'custom'
] as const

export type ProviderId = (typeof PROVIDER_IDS)[number]

export interface ProviderPreset {
  /** The base URL filled in when the preset is picked (Azure builds its own from the resource). */
  baseURL?: string
  /** Local servers take no key. */
  needsKey: boolean
  /** `catalog`: OpenAI's published prices apply; `unknown`: the estimate says it cannot know. */
  prices: 'catalog' | 'unknown'
  /** Runs on this machine: may be marked free. */
  local: boolean
  /** OpenAI's organization and project headers apply. */
  orgHeaders: boolean
}

export const PROVIDERS: Record<ProviderId, ProviderPreset> = {
  openai: {
    baseURL: 'https://api.openai.com/v1',
    needsKey: true,
    prices: 'catalog',
    local: false,
    orgHeaders: true
  },
  azure: { needsKey: true, prices: 'catalog', local: false, orgHeaders: false },
  openrouter: {
    baseURL: 'https://openrouter.ai/api/v1',
    needsKey: true,
    prices: 'unknown',
    local: false,
    orgHeaders: false
  },
  ollama: {
    baseURL: 'http://127.0.0.1:11434/v1',
    needsKey: false,
    prices: 'unknown',
    local: true,
    orgHeaders: false
  },
  lmstudio: {
    baseURL: 'http://127.0.0.1:1234/v1',
    needsKey: false,
    prices: 'unknown',
    local: true,
    orgHeaders: false
  },
  vllm: {
    baseURL: 'http://127.0.0.1:8000/v1',
    needsKey: false,
    prices: 'unknown',
    local: true,
    orgHeaders: false
  },
  custom: { needsKey: true, prices: 'unknown', local: false, orgHeaders: false }
}

/** The Azure OpenAI API version a new Azure setup starts with. */
export const AZURE_DEFAULT_API_VERSION = '2024-10-21'
