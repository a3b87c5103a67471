/** CI sets CI=true; there a missing Chromium fails the browser test rather than skipping it. */
export const isCi = process.env['CI'] === 'true';
