import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type UiLanguage } from '@shared/settings/schema'
import { AppContext, type SettingsSection } from '../../src/renderer/src/context'
import { SettingsDialog } from '../../src/renderer/src/features/settings/SettingsDialog'
import { createI18n } from '../../src/renderer/src/i18n'
import { createWorkspaceStore } from '../../src/renderer/src/stores/workspace-store'
import { INFO, fakeBridge, settingsView, snapshot } from './fake-bridge'

type Step = { label: string; value: string } | { select: string; value: string } | { click: string }

/** One field's check: how to get there, what to type, and the problem it must show in each language. */
interface Case {
  name: string
  section: SettingsSection
  before?: Record<UiLanguage, Step[]>
  field: Record<UiLanguage, string>
  value: string
  problem: Record<UiLanguage, string>
  /** A value that clears the problem. */
  fixed?: string
}

const customEndpoint: Record<UiLanguage, Step[]> = {
  en: [{ select: 'Endpoint', value: 'custom' }],
  'zh-CN': [{ select: '端点', value: 'custom' }]
}
const azure: Record<UiLanguage, Step[]> = {
  en: [{ select: 'Endpoint', value: 'azure' }],
  'zh-CN': [{ select: '端点', value: 'azure' }]
}
const explicitProxy: Record<UiLanguage, Step[]> = {
  en: [{ click: 'Use this proxy' }],
  'zh-CN': [{ click: '使用此代理' }]
}
const customLimits: Record<UiLanguage, Step[]> = {
  en: [{ select: 'Limits', value: 'custom' }],
  'zh-CN': [{ select: '限额', value: 'custom' }]
}
const newTemplate: Record<UiLanguage, Step[]> = {
  en: [{ click: 'New template' }],
  'zh-CN': [{ click: '新建模板' }]
}

const CASES: Case[] = [
  {
    name: 'a new key: two keys pasted together',
    section: 'keys',
    field: { en: 'API key', 'zh-CN': 'API 密钥' },
    value: 'sk-one-key-aaaaaaaa sk-two-key-bbbbbbbb',
    problem: {
      en: 'The API key holds spaces or line breaks: paste one key at a time',
      'zh-CN': 'API 密钥含有空格或换行：请一次只粘贴一个密钥'
    },
    fixed: 'sk-one-key-aaaaaaaa'
  },
  {
    name: 'a new key: too short',
    section: 'keys',
    field: { en: 'API key', 'zh-CN': 'API 密钥' },
    value: 'sk-1',
    problem: {
      en: 'The API key must be 8 to 500 characters long',
      'zh-CN': 'API 密钥长度必须为 8 到 500 个字符'
    }
  },
  {
    name: 'a key label left empty',
    section: 'keys',
    field: { en: 'Label', 'zh-CN': '名称' },
    value: '',
    problem: { en: 'The label is required', 'zh-CN': '名称不能为空' },
    fixed: 'Agency'
  },
  {
    name: 'a key label too long',
    section: 'keys',
    field: { en: 'Label', 'zh-CN': '名称' },
    value: 'x'.repeat(41),
    problem: {
      en: 'The label is too long (at most 40 characters)',
      'zh-CN': '名称太长（最多 40 个字符）'
    }
  },
  {
    name: 'a custom endpoint without http(s)',
    section: 'provider',
    before: customEndpoint,
    field: { en: 'Base URL', 'zh-CN': '基础 URL' },
    value: 'ftp://models.example.com',
    problem: {
      en: 'The base URL must be a URL starting with http:// or https://',
      'zh-CN': '基础 URL必须是以 http:// 或 https:// 开头的网址'
    },
    fixed: 'https://models.example.com/v1'
  },
  {
    name: 'an OpenAI organization',
    section: 'provider',
    field: { en: 'Organization', 'zh-CN': '组织' },
    value: 'acme',
    problem: {
      en: 'The organization must look like org-… (or be empty)',
      'zh-CN': '组织格式应为 org-…（或留空）'
    },
    fixed: 'org-acme42'
  },
  {
    name: 'an OpenAI project',
    section: 'provider',
    field: { en: 'Project', 'zh-CN': '项目' },
    value: 'catalog',
    problem: {
      en: 'The project must look like proj_… (or be empty)',
      'zh-CN': '项目格式应为 proj_…（或留空）'
    }
  },
  {
    name: 'an Azure API version',
    section: 'provider',
    before: azure,
    field: { en: 'API version', 'zh-CN': 'API 版本' },
    value: '2024-10',
    problem: {
      en: 'The API version must look like 2024-10-21 (or 2024-10-21-preview)',
      'zh-CN': 'API 版本格式应为 2024-10-21（或 2024-10-21-preview）'
    },
    fixed: '2024-10-21'
  },
  {
    name: 'an Azure resource endpoint',
    section: 'provider',
    before: azure,
    field: { en: 'Resource endpoint', 'zh-CN': '资源端点' },
    value: 'my-resource',
    problem: {
      en: 'The resource endpoint must be a URL starting with http:// or https://',
      'zh-CN': '资源端点必须是以 http:// 或 https:// 开头的网址'
    }
  },
  {
    name: 'an Azure deployment name',
    section: 'provider',
    before: {
      en: [...azure.en, { click: 'Add deployment' }],
      'zh-CN': [...azure['zh-CN'], { click: '添加部署' }]
    },
    field: { en: 'Deployment for gpt-6-luna', 'zh-CN': 'gpt-6-luna 的部署' },
    value: 'my deployment!',
    problem: {
      en: 'A deployment may use only letters, digits, -, _ and . (up to 64)',
      'zh-CN': '部署只能使用字母、数字、-、_ 和 .（最多 64 个）'
    },
    fixed: 'prod-mini'
  },
  {
    name: 'an explicit proxy without a URL',
    section: 'provider',
    before: explicitProxy,
    field: { en: 'Proxy URL', 'zh-CN': '代理 URL' },
    value: '',
    problem: { en: 'The proxy URL is required', 'zh-CN': '代理 URL不能为空' },
    fixed: 'http://proxy.corp.example:3128'
  },
  {
    name: 'an explicit proxy URL that is no URL',
    section: 'provider',
    before: explicitProxy,
    field: { en: 'Proxy URL', 'zh-CN': '代理 URL' },
    value: 'proxy.corp:3128',
    problem: {
      en: 'The proxy URL must be a URL starting with http:// or https://',
      'zh-CN': '代理 URL必须是以 http:// 或 https:// 开头的网址'
    }
  },
  {
    name: 'a proxy user name too long',
    section: 'provider',
    before: explicitProxy,
    field: { en: 'User name', 'zh-CN': '用户名' },
    value: 'u'.repeat(201),
    problem: {
      en: 'The user name is too long (at most 200 characters)',
      'zh-CN': '用户名太长（最多 200 个字符）'
    }
  },
  {
    name: 'custom limits that are not a number',
    section: 'limits',
    before: customLimits,
    field: { en: 'Requests/min', 'zh-CN': '每分钟请求数' },
    value: 'lots',
    problem: { en: 'Requests/min must be a number', 'zh-CN': '每分钟请求数必须是数字' },
    fixed: '500'
  },
  {
    name: 'custom limits that are not whole',
    section: 'limits',
    before: customLimits,
    field: { en: 'Tokens/min', 'zh-CN': '每分钟 token 数' },
    value: '1500.5',
    problem: { en: 'Tokens/min must be a whole number', 'zh-CN': '每分钟 token 数必须是整数' }
  },
  {
    name: 'custom limits with only tokens/min',
    section: 'limits',
    before: customLimits,
    field: { en: 'Tokens/min', 'zh-CN': '每分钟 token 数' },
    value: '200000',
    problem: {
      en: 'Requests/min is needed too: give both requests/min and tokens/min',
      'zh-CN': '每分钟请求数也需要填写：请同时填写每分钟请求数和每分钟 token 数'
    }
  },
  {
    name: 'a JPEG quality below the floor',
    section: 'defaults',
    field: { en: 'JPEG quality', 'zh-CN': 'JPEG 质量' },
    value: '30',
    problem: { en: 'JPEG quality must be at least 40', 'zh-CN': 'JPEG 质量不能小于 40' },
    fixed: '90'
  },
  {
    name: 'a JPEG quality over 100',
    section: 'defaults',
    field: { en: 'JPEG quality', 'zh-CN': 'JPEG 质量' },
    value: '101',
    problem: { en: 'JPEG quality must be at most 100', 'zh-CN': 'JPEG 质量不能大于 100' }
  },
  {
    name: 'a background that is no colour',
    section: 'defaults',
    field: { en: 'Background colour', 'zh-CN': '背景色' },
    value: 'white',
    problem: {
      en: 'The background colour must be a colour like #ffffff',
      'zh-CN': '背景色必须是类似 #ffffff 的颜色'
    },
    fixed: '#fafafa'
  },
  {
    name: 'a negative budget',
    section: 'defaults',
    field: { en: 'Budget (US$)', 'zh-CN': '预算（美元）' },
    value: '-5',
    problem: { en: 'The budget must be at least 0', 'zh-CN': '预算不能小于 0' },
    fixed: '25'
  },
  {
    name: 'no requests at once',
    section: 'defaults',
    field: { en: 'Requests at once (at most)', 'zh-CN': '最多同时请求数' },
    value: '0',
    problem: { en: 'Requests at once must be at least 1', 'zh-CN': '同时请求数不能小于 1' }
  },
  {
    name: 'a price that is not a number',
    section: 'prices',
    field: { en: 'Input price for gpt-4.1-mini', 'zh-CN': 'gpt-4.1-mini 的输入价格' },
    value: 'cheap',
    problem: { en: 'The input price must be a number', 'zh-CN': '输入价格必须是数字' }
  },
  {
    name: 'an input price without its output price',
    section: 'prices',
    field: { en: 'Input price for gpt-4.1-mini', 'zh-CN': 'gpt-4.1-mini 的输入价格' },
    value: '0.5',
    problem: { en: 'The output price must be a number', 'zh-CN': '输出价格必须是数字' }
  },
  {
    name: 'a template without a name',
    section: 'templates',
    before: newTemplate,
    field: { en: 'Name', 'zh-CN': '名称' },
    value: '',
    problem: { en: 'The name is required', 'zh-CN': '名称不能为空' },
    fixed: 'Instagram caption'
  },
  {
    name: 'a template id with capitals',
    section: 'templates',
    before: newTemplate,
    field: { en: 'Id', 'zh-CN': 'ID' },
    value: 'My Template',
    problem: {
      en: 'The template id may use only lower-case letters, digits and -',
      'zh-CN': '模板 ID只能使用小写字母、数字和 -'
    }
  },
  {
    name: 'a column name with spaces',
    section: 'templates',
    before: newTemplate,
    field: { en: 'Column name', 'zh-CN': '列名' },
    value: 'Meta description',
    problem: {
      en: 'The column name may use only lower-case letters, digits and _ (and starts with a letter)',
      'zh-CN': '列名只能使用小写字母、数字和 _（以字母开头）'
    },
    fixed: 'caption'
  },
  {
    name: 'a minimum above the maximum',
    section: 'templates',
    before: newTemplate,
    field: { en: 'Min characters', 'zh-CN': '最少字符数' },
    value: '400',
    problem: {
      en: 'The minimum length is above the maximum length',
      'zh-CN': '最小长度大于最大长度'
    },
    fixed: '100'
  },
  {
    name: 'a field without a label',
    section: 'templates',
    before: newTemplate,
    field: { en: 'Label', 'zh-CN': '标签' },
    value: '',
    problem: { en: 'The label is required', 'zh-CN': '标签不能为空' },
    fixed: 'Caption'
  },
  {
    name: 'a maximum length over 5,000',
    section: 'templates',
    before: newTemplate,
    field: { en: 'Max characters', 'zh-CN': '最多字符数' },
    value: '6000',
    problem: { en: 'The maximum length must be at most 5000', 'zh-CN': '最大长度不能大于 5000' },
    fixed: '200'
  },
  {
    name: 'a required word too long',
    section: 'templates',
    before: newTemplate,
    field: { en: 'Required words', 'zh-CN': '必含词' },
    value: `ok, ${'w'.repeat(61)}`,
    problem: {
      en: 'A required word is too long (at most 60 characters)',
      'zh-CN': '必含词太长（最多 60 个字符）'
    },
    fixed: 'ok, waterproof'
  },
  {
    name: 'a no-proxy list too long',
    section: 'provider',
    before: explicitProxy,
    field: { en: 'No proxy for', 'zh-CN': '不使用代理的主机' },
    value: 'h,'.repeat(1001),
    problem: {
      en: 'The no-proxy list is too long (at most 2000 characters)',
      'zh-CN': '不使用代理的主机太长（最多 2000 个字符）'
    },
    fixed: 'localhost, .corp.example.com'
  },
  {
    name: 'an answer budget too small',
    section: 'templates',
    before: newTemplate,
    field: { en: 'Answer budget (tokens)', 'zh-CN': '回答预算（token）' },
    value: '8',
    problem: { en: 'The answer budget must be at least 16', 'zh-CN': '回答预算不能小于 16' }
  }
]

function renderSettings(section: SettingsSection, language: UiLanguage) {
  const fake = fakeBridge(
    snapshot({ settings: settingsView({ settings: { ...DEFAULT_SETTINGS, keys: [] } }) })
  )
  const store = createWorkspaceStore()
  store.getState().setReady(
    snapshot({
      settings: settingsView({
        settings: {
          ...structuredClone(DEFAULT_SETTINGS),
          uiLanguage: language,
          keys: [
            { id: 'k1', label: 'Main', hint: 'sk-…abcd', models: [], limits: {}, reported: {} }
          ]
        },
        keysKept: { k1: 'os' }
      })
    }),
    INFO,
    0
  )
  const context = {
    bridge: fake.bridge,
    store,
    act: async <T,>(work: () => Promise<T>) => work(),
    openSettings: () => {}
  }
  const view = render(
    <I18nextProvider i18n={createI18n(language)}>
      <AppContext.Provider value={context}>
        <SettingsDialog section={section} onSection={() => {}} onClose={() => {}} />
      </AppContext.Provider>
    </I18nextProvider>
  )
  return { ...view, fake }
}

function perform(step: Step): void {
  if ('click' in step) fireEvent.click(screen.getAllByText(step.click)[0])
  else if ('select' in step)
    fireEvent.change(screen.getAllByLabelText(step.select, { selector: 'select' })[0], {
      target: { value: step.value }
    })
  else fireEvent.change(screen.getByLabelText(step.label), { target: { value: step.value } })
}

describe.each(['en', 'zh-CN'] as const)(
  'every Settings field says what is wrong as you type (%s)',
  (language) => {
    it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      renderSettings(c.section, language)
      for (const step of c.before?.[language] ?? []) act(() => perform(step))
      const input = screen.getAllByLabelText(c.field[language], {
        selector: 'input, textarea'
      })[0] as HTMLInputElement
      act(() => {
        fireEvent.change(input, { target: { value: c.value === '' ? 'x' : c.value } })
        if (c.value === '') fireEvent.change(input, { target: { value: '' } })
      })
      const problem = await screen.findByText(c.problem[language])
      expect(problem.getAttribute('role')).toBe('alert')
      const form = input.closest('form')!
      const save = within(form)
        .queryAllByRole('button')
        .find(
          (b) =>
            b.getAttribute('type') === 'submit' ||
            /Save|保存|Add key|添加密钥/.test(b.textContent ?? '')
        )
      if (save) expect((save as HTMLButtonElement).disabled).toBe(true)
      if (c.fixed === undefined) return
      act(() => {
        fireEvent.change(input, { target: { value: c.fixed } })
      })
      expect(screen.queryByText(c.problem[language])).toBeNull()
      expect(input.getAttribute('aria-invalid')).toBeNull()
    })
  }
)

describe('models the catalog does not know', () => {
  it('Prices takes a price for any model id, and Save sends it', async () => {
    const { fake } = renderSettings('prices', 'en')
    fireEvent.change(screen.getByLabelText('Price another model'), {
      target: { value: 'llava:13b' }
    })
    fireEvent.click(screen.getByRole('button', { name: 'Add' }))
    fireEvent.change(screen.getByLabelText('Input price for llava:13b'), {
      target: { value: '0.2' }
    })
    fireEvent.change(screen.getByLabelText('Output price for llava:13b'), {
      target: { value: '0.6' }
    })
    fireEvent.click(screen.getByRole('button', { name: 'Save' }))
    await screen.findByText('Saved.')
    expect(fake.calls.find((c) => c.method === 'settings.update')?.input).toEqual({
      section: 'prices',
      value: { 'llava:13b': { input: 0.2, output: 0.6 } }
    })
  })
})
