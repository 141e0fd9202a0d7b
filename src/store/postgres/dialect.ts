/** What is PostgreSQL-specific in the store: full-text search (tsvector + GIN) and the clock. */

/** A stored tsvector over title + text with a GIN index. */
export function ftsMigration(): string[] {
  return [
    `ALTER TABLE articles ADD COLUMN IF NOT EXISTS tsv tsvector
       GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED`,
    `CREATE INDEX IF NOT EXISTS articles_tsv ON articles USING gin (tsv)`,
  ];
}

/** Article seqs matching a full-text query (one `?` parameter: the user's words). */
export const ftsArticleSeqs = `SELECT seq FROM articles WHERE tsv @@ plainto_tsquery('english', ?)`;

/** Free words are passed to plainto_tsquery as they are. */
export function ftsQuery(words: string): string {
  return words;
}

/** The database clock in epoch milliseconds (queue leases): one clock for every worker machine. */
export const nowMs = `(extract(epoch from clock_timestamp()) * 1000)::bigint`;
