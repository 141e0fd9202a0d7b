/**
 * The input layer: files, folders, batch JSONL and stdin (readInputs), and pure conversions for the
 * HTTP API (articleFromString, articleFromBytes, articleFromRecord). See docs/pipeline.md "Input".
 */
export { readInputs, readAll, DEFAULT_MAX_BYTES, INPUT_EXTENSIONS, type ReadOptions } from './read.js';
export {
  articleFromString, articleFromBytes, articleFromRecord, articlesFromString, recordFromLine, sniffKind,
  kindFromExtension, idFromName, type InputResult, type InputKind, type ArticleOptions,
} from './article.js';
export { decodeBytes, type Decoded, type Encoding } from './decode.js';
export { extractHtml, blockText, type HtmlExtract } from './html.js';
export { normalizeDate, isYmd } from './dates.js';
