import { z } from 'zod';

/** Whole numbers of the admin answers: paise, base units, counts, milliseconds. */
export const int = z.number().int();

/** An instant, ISO 8601 with offset as the server writes it. */
export const isoInstant = z.string();

/** A calendar date, `YYYY-MM-DD`. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** Text a row may lack. */
export const nullableText = z.string().nullable();
