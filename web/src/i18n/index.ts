import { createI18n } from 'vue-i18n'
import zhCN from '../locales/zh-CN.json'
import zhTW from '../locales/zh-TW.json'
import en from '../locales/en.json'
import labels from '../../../share/print/labels.json'

// The archive's field and value names come from the file the print views use, so a field has
// one name wherever it appears; zh-TW is generated from zh-CN (scripts/make-zh-tw.mjs).
export const kLanguages = ['zh-CN', 'zh-TW', 'en'] as const
export type Language = (typeof kLanguages)[number]

const kStorageKey = 'shouwang.language'

export function initialLanguage(): Language {
  const saved = localStorage.getItem(kStorageKey)
  return (kLanguages as readonly string[]).includes(saved ?? '') ? (saved as Language) : 'zh-CN'
}

export function rememberLanguage(language: Language): void {
  localStorage.setItem(kStorageKey, language)
}

export const messages = {
  'zh-CN': { ...zhCN, field: labels['zh-CN'].fields, value: labels['zh-CN'].values },
  'zh-TW': zhTW,
  en: { ...en, field: labels.en.fields, value: labels.en.values },
}

export function makeI18n(language: Language = initialLanguage()) {
  return createI18n({ legacy: false, locale: language, fallbackLocale: 'zh-CN', messages })
}
