import { readFileSync, readdirSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import en from '../../src/shared/i18n/locales/en.json'
import zhCN from '../../src/shared/i18n/locales/zh-CN.json'

const RENDERER = join(import.meta.dirname, '../../src/renderer/src')
/** Attributes a person reads or hears. */
const WORDED_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'hint'])
/** Not words to translate: the product's name, and example values shown as placeholders (key and id prefixes, URLs, a model tag like llava:13b). */
const NOT_WORDS = /^(Photoscribe|sk-…|org-…|proj_…|https?:\/\/\S*|•+|[a-z0-9.-]+:[a-z0-9.]+)$/

function keys(catalog: object, prefix = ''): string[] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === 'object' ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`]
  )
}

/** Every TypeScript source under `dir`, as one text. */
function sourceText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n')
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}|<(\d+)>/g)].map((m) => m[1] ?? `<${m[2]}>`).sort()
}

function valueAt(catalog: object, key: string): string {
  return key
    .split('.')
    .reduce((node: unknown, part) => (node as Record<string, unknown>)[part], catalog) as string
}

/** Literal text a component renders: JSX text, worded attributes, strings that reach JSX. */
function literalStrings(file: string): string[] {
  const source = ts.createSourceFile(
    file,
    readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX
  )
  const found: string[] = []
  const wordy = (text: string): boolean => /\p{L}/u.test(text) && !NOT_WORDS.test(text.trim())
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && wordy(node.text)) found.push(node.text.trim())
    if (ts.isJsxAttribute(node) && node.initializer && ts.isStringLiteral(node.initializer)) {
      const name = node.name.getText()
      if (WORDED_ATTRIBUTES.has(name) && wordy(node.initializer.text))
        found.push(`${name}="${node.initializer.text}"`)
    }
    const literal =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
        ? node.text
        : ts.isTemplateExpression(node)
          ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ')
          : null
    if (literal !== null && wordy(literal) && reachesJsx(node)) found.push(`{'${literal}'}`)
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found.map((text) => `${relative(RENDERER, file)}: ${text}`)
}

/**
 * Whether an expression's value is what JSX shows: directly in `{…}` among children or in a
 * worded attribute, or through `?:`, `&&`, `||`, `??` and parentheses (not as a call's argument).
 */
function reachesJsx(node: ts.Node): boolean {
  let child = node
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isParenthesizedExpression(parent)) continue
    if (ts.isConditionalExpression(parent) && parent.condition !== child) continue
    if (
      ts.isBinaryExpression(parent) &&
      parent.right === child &&
      [
        ts.SyntaxKind.AmpersandAmpersandToken,
        ts.SyntaxKind.BarBarToken,
        ts.SyntaxKind.QuestionQuestionToken
      ].includes(parent.operatorToken.kind)
    )
      continue
    if (!ts.isJsxExpression(parent)) return false
    const holder = parent.parent
    if (ts.isJsxElement(holder) || ts.isJsxFragment(holder)) return true
    return ts.isJsxAttribute(holder) && WORDED_ATTRIBUTES.has(holder.name.getText())
  }
  return false
}

describe('the window in English and 简体中文', () => {
  it('every key is used by the code: literally, or under a prefix the code fills in', () => {
    const source = sourceText(join(import.meta.dirname, '../../src'))
    const used = (key: string): boolean => {
      const base = key.replace(/_(zero|one|two|few|many|other)$/, '') // i18next plural forms
      if ([`'${base}'`, `"${base}"`, `\`${base}\``].some((quoted) => source.includes(quoted)))
        return true
      const parts = base.split('.')
      return parts.some((_, i) => i > 0 && source.includes(`\`${parts.slice(0, i).join('.')}.\${`))
    }
    expect(keys(en).filter((key) => !used(key))).toEqual([])
  })

  it('both catalogs have the same keys', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort())
  })

  it('every translation keeps its placeholders ({{n}}, <0>) and is not left in English', () => {
    const wrong = keys(en).filter((key) => {
      const [english, chinese] = [valueAt(en, key), valueAt(zhCN, key)]
      return placeholders(english).join() !== placeholders(chinese).join()
    })
    expect(wrong).toEqual([])
    // Product names stay as they are (Azure OpenAI, English).
    const names = /^(provider\.presets|language\.names)\./
    const untranslated = keys(en).filter((key) => {
      if (names.test(key)) return false
      const chinese = valueAt(zhCN, key)
      return chinese === valueAt(en, key) && /[a-z]{4,} [a-z]{3,}/i.test(chinese)
    })
    expect(untranslated).toEqual([])
  })

  it('no component renders a literal user-visible string: every word comes from the catalogs', () => {
    const files = readdirSync(RENDERER, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.tsx'))
      .map((entry) => join(entry.parentPath, entry.name))
    expect(files.length).toBeGreaterThan(20)
    expect(files.flatMap(literalStrings)).toEqual([])
  })

  it('the check itself finds a literal string', () => {
    const probe = join(import.meta.dirname, '../fixtures/i18n-literal.tsx.txt')
    expect(literalStrings(probe).map((s) => s.split(': ').slice(1).join(': '))).toEqual([
      'Run now',
      'title="Pause (Space)"',
      "{'Retry failed'}",
      "{'Paused'}",
      "{'Cancel'}"
    ])
  })
})

describe('problems main and the engine send', () => {
  const SRC = join(import.meta.dirname, '../../src')
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? files(join(dir, entry.name))
        : entry.name.endsWith('.ts')
          ? [join(dir, entry.name)]
          : []
    )
  /** Problem codes written in src: schema messages, AppErrors, engine refusals and endpoint checks. */
  const CODE_WRITERS = [
    /\bproblem\('(\w+)'/g,
    /new AppError\(\s*ErrorCodes\.\w+,\s*\{\s*code: '(\w+)'/g,
    /\brefuse\('\w+', '(\w+)'/g,
    /\bfailed\(ErrorCodes\.\w+, \{ code: '(\w+)'/g,
    /(?:problem|Problem \| null|Problem & \{ field: string \}) \{\s*\n?\s*(?:return )?\{ code: '(\w+)'/g,
    /return \{ code: '(\w+)'/g
  ]
  const used = new Map<string, string>()
  for (const file of [
    ...files(join(SRC, 'main')),
    ...files(join(SRC, 'core')),
    ...files(join(SRC, 'shared'))
  ]) {
    const text = readFileSync(file, 'utf8')
    for (const pattern of CODE_WRITERS)
      for (const match of text.matchAll(pattern)) used.set(match[1], relative(SRC, file))
  }

  it('finds the codes it checks (the scan is not empty)', () => {
    expect(used.size).toBeGreaterThan(40)
    expect([...used.keys()]).toEqual(
      expect.arrayContaining(['endpointMoved', 'plainHttpKey', 'notJobId'])
    )
  })

  it('every one has words in both catalogs: the 简体中文 window never shows an English sentence', () => {
    // A template rule's code is worded by the `rule.says` catalog, every other one by `problem`.
    const catalogs = (file: string) =>
      file.endsWith('templates/rules.ts')
        ? [en.rule.says, zhCN.rule.says]
        : [en.problem, zhCN.problem]
    const missing = [...used]
      .filter(([code, file]) => catalogs(file).some((catalog) => !(code in catalog)))
      .map(([code, file]) => `${code} (${file})`)
    expect(missing).toEqual([])
  })
})
