/**
 * Which code points a TrueType/OpenType font maps to a glyph, read from its `cmap` table.
 * The preview images use it to keep every character they draw inside the fonts we ship, because
 * next/og fetches fonts and emoji from the internet for anything the given fonts lack.
 */

/** The code points with a glyph, from the same cmap subtable opentype.js (inside satori) uses. */
export function readCmapCoverage(font: Uint8Array): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const numTables = view.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i++) {
    const record = 12 + i * 16;
    const tag = String.fromCharCode(...font.subarray(record, record + 4));
    if (tag === "cmap") cmap = view.getUint32(record + 8);
  }
  if (cmap < 0) return new Set();

  // opentype.js walks the encoding records from the last one and takes the first Unicode table.
  const records = view.getUint16(cmap + 2);
  let subtable = -1;
  for (let i = records - 1; i >= 0; i--) {
    const platform = view.getUint16(cmap + 4 + i * 8);
    const encoding = view.getUint16(cmap + 4 + i * 8 + 2);
    if ((platform === 3 && [0, 1, 10].includes(encoding)) || (platform === 0 && encoding <= 4)) {
      subtable = cmap + view.getUint32(cmap + 4 + i * 8 + 4);
      break;
    }
  }
  if (subtable < 0) return new Set();

  const covered = new Set<number>();
  const format = view.getUint16(subtable);
  if (format === 12) {
    const groups = view.getUint32(subtable + 12);
    for (let g = 0; g < groups; g++) {
      const at = subtable + 16 + g * 12;
      const start = view.getUint32(at);
      const end = Math.min(view.getUint32(at + 4), 0x10ffff);
      const glyph = view.getUint32(at + 8);
      for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) covered.add(c);
    }
  } else if (format === 4) {
    const segCount = view.getUint16(subtable + 6) / 2;
    const ends = subtable + 14;
    const starts = ends + segCount * 2 + 2;
    const deltas = starts + segCount * 2;
    const rangeOffsets = deltas + segCount * 2;
    for (let s = 0; s < segCount; s++) {
      const start = view.getUint16(starts + s * 2);
      const end = view.getUint16(ends + s * 2);
      const delta = view.getInt16(deltas + s * 2);
      const rangeOffset = view.getUint16(rangeOffsets + s * 2);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
        else {
          const at = rangeOffsets + s * 2 + rangeOffset + (c - start) * 2;
          glyph = at + 2 <= font.byteLength ? view.getUint16(at) : 0;
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph !== 0) covered.add(c);
      }
    }
  }
  return covered;
}
