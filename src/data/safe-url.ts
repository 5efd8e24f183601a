/**
 * Feed URLs may only use these schemes (no javascript:, data:, vbscript:, protocol-relative).
 * On its own so that pages rendering links can check it without loading the valibot schemas;
 * feed-schema.ts validates with the same pattern and re-exports it.
 */
export const SAFE_URL = /^(https?:\/\/[^\s/]|tel:\+?[0-9][0-9\- ]*$)/i;

/** How a resident reaches a record's owner: a phone, an e-mail address or a web page (feed-schema.ts validates with it). */
export const CONTACT_URL = /^(https:\/\/[^\s/]|tel:\+?[0-9][0-9\- ]*$|mailto:[^\s@/]+@[^\s@/]+$)/i;
