// Input: an INI file, e.g. WPS Office's oem.ini (license-detection.md §6):
//   [Product]
//   VersionID=0
//   ;SubPlatform=1                         ← commented out: not a value
//   [Support]
//   wGffMTv1ncQm_Orb3mVwcA..=-oqsL74hpiah3RGyR6hniw..   ← newer builds encrypt keys and values
//   HomePage="http://www.wps.com/"          ← quotes are not part of the value

/** Values by section, then by key, as written (case kept). Keys before any section go under ''. */
export type IniSections = Record<string, Record<string, string>>;

/**
 * Parses INI text. Lines starting with `;` or `#` are comments; a value runs from the
 * first `=` to the end of the line, trimmed, one pair of surrounding quotes removed.
 * A key repeated in one section keeps its last value, as the readers WPS uses do.
 * Never throws: a line it cannot read is left out.
 */
export function parseIni(text: string): IniSections {
  const out: IniSections = {};
  let section = '';
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const header = /^\[([^\]]*)\]$/.exec(line);
    if (header) {
      section = header[1]!.trim();
      out[section] ??= {};
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    if (!key) continue;
    (out[section] ??= {})[key] = unquote(line.slice(eq + 1).trim());
  }
  return out;
}

/**
 * One flat record, `Section.Key` → value (plain `Key` for keys outside a section),
 * the shape the Windows inventory script hands over, so one lookup serves both.
 */
export function flattenIni(ini: IniSections): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [section, pairs] of Object.entries(ini)) {
    for (const [key, value] of Object.entries(pairs)) out[section ? `${section}.${key}` : key] = value;
  }
  return out;
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
}

/** A key's value in a section (section name case-insensitive); an empty value reads as undefined. */
export function sectionValue(ini: IniSections, section: string, key: string): string | undefined {
  for (const [name, pairs] of Object.entries(ini)) {
    if (name.toLowerCase() !== section.toLowerCase()) continue;
    const v = pairs[key];
    if (v) return v;
  }
  return undefined;
}

/** A key's value from whichever section has it first (files whose sections vary by release). */
export function anySectionValue(ini: IniSections, key: string): string | undefined {
  for (const pairs of Object.values(ini)) {
    const v = pairs[key];
    if (v) return v;
  }
  return undefined;
}
