// JSON text of a large value as a sequence of pieces, so a snapshot of hundreds of megabytes can be
// written out without ever holding its whole text (plus the encoded copy the file write makes).
type JsonReady = { toJSON: (key: string) => unknown };

/** The value JSON.stringify writes for `value` under `key`: its toJSON() result when it has one. */
function resolved(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && typeof (value as Partial<JsonReady>).toJSON === 'function'
    ? (value as JsonReady).toJSON(key)
    : value;
}

/** What JSON.stringify leaves out of an object (and writes as null in an array). */
const isOmitted = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

function* piecesOf(json: unknown, depth: number): Generator<string> {
  if (depth <= 0 || json === null || typeof json !== 'object') {
    yield JSON.stringify(json) ?? 'null';
    return;
  }
  if (Array.isArray(json)) {
    yield '[';
    for (let position = 0; position < json.length; position += 1) {
      if (position > 0) yield ',';
      const item = resolved(json[position], String(position));
      if (isOmitted(item)) yield 'null';
      else yield* piecesOf(item, depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    const item = resolved(value, name);
    if (isOmitted(item)) continue;
    yield `${first ? '' : ','}${JSON.stringify(name)}:`;
    first = false;
    yield* piecesOf(item, depth - 1);
  }
  yield '}';
}

/**
 * Pieces whose concatenation is exactly `JSON.stringify(value)`: objects and arrays are opened up
 * `depth` levels deep, anything deeper is stringified whole (one piece per entry at the last level).
 */
export function jsonPieces(value: unknown, depth: number): Generator<string> {
  return piecesOf(resolved(value, ''), depth);
}
