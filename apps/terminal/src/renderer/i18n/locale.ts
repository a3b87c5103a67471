/** The languages the terminal speaks. */
export type Language = 'en' | 'hi';

/** The Intl locale of a language: amounts and dates in en-IN or hi-IN. */
export function localeOf(language: Language): 'en-IN' | 'hi-IN' {
  return language === 'hi' ? 'hi-IN' : 'en-IN';
}
