/**
 * A deliberately small minifier for our own collector source (no dependency, no parser): drops comment-only lines
 * and blank lines and strips indentation. Safe because the source keeps comments on their own lines and never
 * relies on newlines inside strings. Not a general JavaScript minifier.
 */
export function minifyCollector(source: string): string {
  return source
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'))
    .join('\n');
}
