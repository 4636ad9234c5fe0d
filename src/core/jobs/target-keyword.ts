/** The product's target keyword: the first of its keywords ("trail shoe, running, red" → "trail shoe"). */
export function targetKeyword(keywords: string | undefined): string | undefined {
  return keywords?.split(/[,;，、]/)[0]?.trim() || undefined
}
