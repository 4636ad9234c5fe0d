import en from './locales/en.json'
import zhCN from './locales/zh-CN.json'
import { fill } from './problems'

const CATALOGS = { en, 'zh-CN': zhCN } as const

type Notify = keyof typeof en.notify

/** A desktop notification's words in the app's language (main has no i18next). */
export function notifyWords(
  language: string,
  key: `notify.${Notify}`,
  params: Record<string, string | number>
): string {
  const catalog = language in CATALOGS ? CATALOGS[language as keyof typeof CATALOGS] : en
  return fill(catalog.notify[key.slice('notify.'.length) as Notify], params)
}
