/**
 * Flesch reading ease of an English text (0–100, higher is easier; below 30 reads like an academic
 * paper): 206.835 − 1.015 × words per sentence − 84.6 × syllables per word. Syllables are counted
 * as vowel groups, a silent final "e" left out. Null for a text too short to judge (under 12 words).
 */
export function readingEase(text: string): number | null {
  const words = text.match(/[A-Za-z]+(?:'[A-Za-z]+)?/g) ?? []
  if (words.length < 12) return null
  const sentences = Math.max(1, (text.match(/[.!?]+(\s|$)/g) ?? []).length)
  const syllables = words.reduce((sum, word) => sum + syllablesOf(word), 0)
  return 206.835 - 1.015 * (words.length / sentences) - 84.6 * (syllables / words.length)
}

function syllablesOf(word: string): number {
  const lower = word.toLowerCase().replace(/e$/, '')
  return Math.max(1, (lower.match(/[aeiouy]+/g) ?? []).length)
}

/** Below this, a description is flagged as hard to read. */
export const HARD_TO_READ = 30
