import i18next, { type i18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import en from '@shared/i18n/locales/en.json'
import zhCN from '@shared/i18n/locales/zh-CN.json'
import type { UiLanguage } from '@shared/settings/schema'
import { rememberedT } from '../words/remembered-t'

declare module 'i18next' {
  interface CustomTypeOptions {
    /** Keys are checked against the English catalog: a wrong key fails `tsc`. */
    resources: { translation: typeof en }
  }
}

export const CATALOGS = { en, 'zh-CN': zhCN } as const

/** An i18next instance for the window, in `language`, with both catalogs bundled. */
export function createI18n(language: UiLanguage = 'en'): i18n {
  const instance = i18next.createInstance()
  void instance.use(initReactI18next).init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false
  })
  rememberWhatIsSaid(instance)
  return instance
}

/**
 * Each component's `t` (react-i18next makes one per component and language) remembers its
 * texts: i18next copies its whole options object on every call, and the queue asks the same
 * texts in every scrolled frame.
 */
function rememberWhatIsSaid(instance: i18n): void {
  const fixedT = instance.getFixedT.bind(instance)
  instance.getFixedT = ((...args: Parameters<typeof fixedT>) => {
    const t = fixedT(...args)
    // Its language, namespace and prefix stay readable on it, as on i18next's own.
    return Object.assign(rememberedT(t), t)
  }) as typeof instance.getFixedT
}
