/** A stop's banner: what happened in plain words and what to do; the job is always resumable. */
export function stopWords(kind: string): { title: string; action: string } {
  switch (kind) {
    case 'quota':
      return {
        title: 'Your OpenAI account is out of credit.',
        action: 'Add credit at platform.openai.com/settings/organization/billing, then Resume.'
      }
    case 'auth':
      return {
        title: 'OpenAI did not accept the API key.',
        action: 'Check the key (it may have been revoked), then Resume.'
      }
    case 'budget':
      return { title: 'The job reached its budget.', action: 'Raise the budget, then Resume.' }
    case 'daily_limit':
      return {
        title: 'The key reached its daily request limit.',
        action: 'Resume when the limit resets, or use another key.'
      }
    case 'disk_full':
    case 'journal':
      return {
        title: 'Photoscribe could not save results to disk.',
        action: 'Free some disk space, then Resume.'
      }
    case 'config':
      return {
        title: 'The API refused a setting of this job.',
        action: 'Pick another model or template, then Resume.'
      }
    default:
      return { title: 'The job stopped.', action: 'Resume when the problem is solved.' }
  }
}

/** Which limit decides the duration, in words. */
export function bindingWords(binding: 'requests' | 'tokens' | 'concurrency'): string {
  if (binding === 'requests') return 'requests per minute is the cap'
  if (binding === 'tokens') return 'tokens per minute is the cap'
  return 'the number of requests at once is the cap'
}
