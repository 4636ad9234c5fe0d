import i18next, { type i18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import en from '@shared/i18n/locales/en.json'
import zhCN from '@shared/i18n/locales/zh-CN.json'
import type { UiLanguage } from '@shared/settings/schema'

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
  return instance
}
