/** The languages of the admin web. */
export type Language = 'en' | 'hi';

/** The Intl locale of a language: amounts and dates in en-IN or hi-IN. */
export function localeOf(language: Language): 'en-IN' | 'hi-IN' {
  return language === 'hi' ? 'hi-IN' : 'en-IN';
}

const STORAGE_KEY = 'kiryana.admin.language';

/** The language chosen last time on this browser, else English. */
export function storedLanguage(): Language {
  return window.localStorage.getItem(STORAGE_KEY) === 'hi' ? 'hi' : 'en';
}

/** Remembers the chosen language. */
export function storeLanguage(language: Language): void {
  window.localStorage.setItem(STORAGE_KEY, language);
}
