import type { FieldSpec, Template } from './template'

/** Short codes for field names (`title_es`); other languages get their position (`title_l3`). */
const CODES: Record<string, string> = {
  english: 'en',
  español: 'es',
  spanish: 'es',
  deutsch: 'de',
  german: 'de',
  français: 'fr',
  french: 'fr',
  português: 'pt',
  portuguese: 'pt',
  italiano: 'it',
  italian: 'it',
  nederlands: 'nl',
  日本語: 'ja',
  japanese: 'ja',
  中文: 'zh',
  简体中文: 'zh',
  chinese: 'zh'
}

/** Each language's code for field names, unique within the list. */
export function languageCodes(languages: readonly string[]): string[] {
  const codes: string[] = []
  languages.forEach((language, i) => {
    const code = CODES[language.trim().toLowerCase()] ?? `l${i + 1}`
    codes.push(codes.includes(code) ? `l${i + 1}` : code)
  })
  return codes
}

/**
 * Each of a job's languages (its own, then the others) with its code and the suffix its fields
 * carry in a several-language template (`title_es`); with one language, no suffix.
 */
export function fieldLanguages(job: {
  language: string
  moreLanguages?: readonly string[]
}): { language: string; code: string; suffix: string }[] {
  const languages = [job.language, ...(job.moreLanguages ?? [])]
  const codes = languageCodes(languages)
  return languages.map((language, i) => ({
    language,
    code: codes[i],
    suffix: languages.length > 1 ? `_${codes[i]}` : ''
  }))
}

/**
 * One template that answers in several languages at once: every field once per language
 * (`title_en`, `title_es`, labelled "Product title (Español)"), the instructions saying so. One
 * request per photo carries the image once for every language: the image's tokens, most of a
 * request's price, are paid once instead of once per language (`npm run bench -- languages`).
 * With one language the template is unchanged.
 */
export function withLanguages(template: Template, languages: readonly string[]): Template {
  if (languages.length < 2) return template
  const each = fieldLanguages({ language: languages[0], moreLanguages: languages.slice(1) })
  const fields: FieldSpec[] =
    template.fields.length > 0
      ? template.fields
      : [{ name: 'text', label: 'Text', type: 'string', description: 'The answer.' }]
  const list = each.map(({ language, suffix }) => `${language} (fields ending ${suffix})`)
  return {
    ...template,
    instructions: `${template.instructions.replaceAll('{language}', 'the language each field names')}\n\nAnswer in each of these languages: ${list.join(', ')}. Each language's fields say the same about the photo, each written for its readers, not translated word for word.`,
    fields: each.flatMap(({ language, suffix }) =>
      fields.map((field) => ({
        ...field,
        name: `${field.name}${suffix}`,
        label: `${field.label} (${language})`,
        description: `${field.description} In ${language}.`
      }))
    ),
    maxCompletionTokens: template.maxCompletionTokens * languages.length
  }
}
