/** Session lifetime, shared by next-auth (lib/auth) and the renewal in proxy.ts: 12 hours from the last renewal. */
export const SESSION_MAX_AGE = 12 * 60 * 60;
/** A session in use is renewed at most once an hour. */
export const SESSION_UPDATE_AGE = 60 * 60;
