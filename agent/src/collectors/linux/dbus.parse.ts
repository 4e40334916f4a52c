// Input: what `dbus-send --system --print-reply …` prints (dbus tools' print format).
// A method return, current dbus (header line, then one value per line, 3-space indent):
//   method return time=1592534678.200347 sender=:1.2 -> destination=:1.15 serial=24 reply_serial=2
//      int32 1
//      int32 0
// older dbus: `method return sender=:1.69 -> dest=:1.91 reply_serial=2`. A property read
// through org.freedesktop.DBus.Properties.Get comes back as a variant:
//      variant       int32 1
// Strings are printed in double quotes (`   string "2026-12-31"`), booleans as
// `boolean true`. An error reply goes to stderr and dbus-send exits 1:
//   Error org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.activation was not provided by any .service files

export type DbusScalar = number | string | boolean;

export interface DbusReply {
  /** The scalar values of the reply body in order (variants unwrapped). */
  values: DbusScalar[];
  /** The body had containers (array, struct, dict) whose members are flattened into `values`. */
  containers: boolean;
}

export interface DbusError {
  /** The D-Bus error name, e.g. `org.freedesktop.DBus.Error.ServiceUnknown`. */
  name: string;
  message: string;
}

const HEADER = /^\s*method return\b/;
const VALUE =
  /^\s*(?:variant\s+)?(u?int16|u?int32|u?int64|double|byte|boolean|string|object path|signature|file descriptor)\s+(.*)$/;
const CONTAINER = /^\s*(?:variant\s+)?(array \[|struct \{|dict entry\(|\]|\}|\))\s*$/;
const ERROR = /^\s*Error\s+([A-Za-z_][\w.]*)\s*:\s*(.*)$/;

/**
 * Reads a `--print-reply` method return. Undefined when the text has no method-return
 * header (empty, an error, something else entirely): the caller says the answer was
 * not understood rather than guessing from stray numbers.
 */
export function parseDbusReply(text: string): DbusReply | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((l) => HEADER.test(l));
  if (start < 0) return undefined;
  const values: DbusScalar[] = [];
  let containers = false;
  for (const line of lines.slice(start + 1)) {
    if (!line.trim()) continue;
    if (CONTAINER.test(line)) {
      containers = true;
      continue;
    }
    const m = VALUE.exec(line);
    if (!m) continue; // a continuation line of a multi-line string, or noise: skip it
    const value = scalar(m[1]!, m[2]!);
    if (value !== undefined) values.push(value);
  }
  return { values, containers };
}

function scalar(type: string, text: string): DbusScalar | undefined {
  const t = text.trim();
  switch (type) {
    case 'string':
    case 'object path':
    case 'signature':
      return unquote(t);
    case 'boolean':
      return t === 'true' ? true : t === 'false' ? false : undefined;
    default: {
      const n = Number(t);
      return t !== '' && Number.isFinite(n) ? n : undefined;
    }
  }
}

/** dbus-send prints strings between double quotes without escaping inner quotes: take first to last. */
function unquote(t: string): string {
  if (!t.startsWith('"')) return t;
  const end = t.lastIndexOf('"');
  return end > 0 ? t.slice(1, end) : t.slice(1);
}

/** The `Error name: message` line dbus-send prints for an error reply, wherever it appears. */
export function parseDbusError(text: string): DbusError | undefined {
  for (const line of text.split(/\r?\n/)) {
    const m = ERROR.exec(line);
    if (m) return { name: m[1]!, message: m[2]!.trim() };
  }
  return undefined;
}
