/**
 * A copy of some JSON-shaped value made of strings of its own. A string an
 * importer kept is often a slice of a whole input (an image's src as the
 * HTML parser cut it out of a post's body, a note holding it), and a V8
 * string slice, like a string concatenation, keeps its parent alive: kept
 * for the whole run (a report line, a cache key), each kept a post's body,
 * most of a 20,000-post Ghost import's memory. A JSON round trip makes every
 * string flat and fresh; for what is kept, a few hundred bytes, it is cheap.
 */
export const owned = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
