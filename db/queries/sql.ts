/** Escapes LIKE/ILIKE wildcards in user text, so a search for "50%" finds "50%", not everything after "50". */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
