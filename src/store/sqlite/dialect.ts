/** What is SQLite-specific in the store: full-text search (FTS5) and the clock. */

/** A contentless FTS5 index over articles (title + text), kept in step by triggers. */
export function ftsMigration(): string[] {
  return [
    `CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, text, content='', contentless_delete=1, tokenize='porter unicode61')`,
    `CREATE TRIGGER IF NOT EXISTS articles_fts_ins AFTER INSERT ON articles BEGIN
       INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, coalesce(new.title, ''), new.text); END`,
    `CREATE TRIGGER IF NOT EXISTS articles_fts_del AFTER DELETE ON articles BEGIN
       DELETE FROM articles_fts WHERE rowid = old.seq; END`,
    `CREATE TRIGGER IF NOT EXISTS articles_fts_upd AFTER UPDATE OF title, text ON articles BEGIN
       DELETE FROM articles_fts WHERE rowid = old.seq;
       INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, coalesce(new.title, ''), new.text); END`,
  ];
}

/** Article seqs matching a full-text query (one `?` parameter: the user's words). */
export const ftsArticleSeqs = `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?`;

/** Turns free words into an FTS5 query: every word required, each quoted (no syntax errors). */
export function ftsQuery(words: string): string {
  return words.split(/\s+/).filter(Boolean).map((w) => `"${w.replace(/"/g, '""')}"`).join(' ');
}

/** The database clock in epoch milliseconds (queue leases). */
export const nowMs = `CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`;
