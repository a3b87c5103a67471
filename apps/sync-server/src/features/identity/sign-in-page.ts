/**
 * The sign-in page of the embedded provider: plain HTML, one form, in English and Hindi. Built for
 * keyboard and screen readers: a `lang` on the document, a visible label on every field, the error
 * in an `role="alert"` region that is focused, autocomplete hints, and no script needed.
 */

/** Languages the page speaks. */
export type SignInLanguage = 'en' | 'hi';

const TEXT = {
  en: {
    title: 'Sign in to Kiryana',
    intro: 'Use the username and password your manager gave you.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    cancel: 'Cancel',
    other: 'हिन्दी में देखें',
    wrong: 'The username or password is not right. Check them and try again.',
    limited: 'Too many attempts. Wait a minute, then try again.',
    expiredTitle: 'This sign-in has expired',
    expired: 'Go back to the Kiryana app and sign in again.',
  },
  hi: {
    title: 'किराना में साइन इन करें',
    intro: 'अपने मैनेजर से मिला यूज़रनेम और पासवर्ड डालें।',
    username: 'यूज़रनेम',
    password: 'पासवर्ड',
    submit: 'साइन इन करें',
    cancel: 'रद्द करें',
    other: 'View in English',
    wrong: 'यूज़रनेम या पासवर्ड सही नहीं है। जाँचकर फिर से कोशिश करें।',
    limited: 'बहुत ज़्यादा कोशिशें हुईं। एक मिनट रुककर फिर से कोशिश करें।',
    expiredTitle: 'यह साइन-इन पुराना हो गया है',
    expired: 'किराना ऐप पर वापस जाकर फिर से साइन इन करें।',
  },
} as const;

/** A message the page may show above the form. */
export type SignInProblem = 'wrong' | 'limited';

/** Picks the page language: an explicit choice, else the browser's preference, else English. */
export function signInLanguage(
  choice: string | undefined,
  acceptLanguage: string | undefined,
): SignInLanguage {
  if (choice === 'hi' || choice === 'en') return choice;
  return /^\s*hi\b/i.test(acceptLanguage ?? '') ? 'hi' : 'en';
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** The page for interaction `uid` under the provider mounted at `basePath`. */
export function renderSignInPage(input: {
  basePath: string;
  uid: string;
  lang: SignInLanguage;
  username?: string;
  problem?: SignInProblem;
}): string {
  const t = TEXT[input.lang];
  const action = `${input.basePath}/interaction/${encodeURIComponent(input.uid)}`;
  const other = input.lang === 'en' ? 'hi' : 'en';
  const alert = input.problem
    ? `<p id="problem" class="problem" role="alert" tabindex="-1">${escapeHtml(t[input.problem])}</p>`
    : '';
  return `<!doctype html>
<html lang="${input.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t.title)}</title>
<style>
body{font:1.05rem/1.5 system-ui,"Noto Sans Devanagari",sans-serif;margin:0;background:#f5f5f0;color:#1b1b1b}
main{max-width:24rem;margin:3rem auto;padding:1.5rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px #0003}
label{display:block;margin-top:1rem;font-weight:600}
input{width:100%;box-sizing:border-box;font:inherit;padding:.6rem;border:1px solid #555;border-radius:4px}
button{margin-top:1.25rem;font:inherit;padding:.6rem 1.2rem;border-radius:4px;border:2px solid #0b5d1e;background:#0b5d1e;color:#fff}
button.secondary{background:#fff;color:#0b5d1e}
:focus-visible{outline:3px solid #c75000;outline-offset:2px}
.problem{color:#8a1c1c;font-weight:600}
</style>
</head>
<body>
<main>
<h1>${escapeHtml(t.title)}</h1>
<p>${escapeHtml(t.intro)}</p>
${alert}
<form method="post" action="${action}/login" autocomplete="on">
<input type="hidden" name="lang" value="${input.lang}">
<label for="username">${escapeHtml(t.username)}</label>
<input id="username" name="username" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(input.username ?? '')}"${input.problem ? ' aria-describedby="problem"' : ' autofocus'}>
<label for="password">${escapeHtml(t.password)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${escapeHtml(t.submit)}</button>
</form>
<form method="post" action="${action}/abort">
<button type="submit" class="secondary">${escapeHtml(t.cancel)}</button>
</form>
<p><a href="${action}?lang=${other}" lang="${other}">${escapeHtml(t.other)}</a></p>
</main>
${input.problem ? '<script>document.getElementById("problem").focus()</script>' : ''}
</body>
</html>`;
}

/** The page for a sign-in whose interaction expired or was never started in this browser. */
export function renderSignInExpired(lang: SignInLanguage): string {
  const t = TEXT[lang];
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(t.expiredTitle)}</title></head>
<body><main><h1>${escapeHtml(t.expiredTitle)}</h1><p>${escapeHtml(t.expired)}</p></main></body>
</html>`;
}
