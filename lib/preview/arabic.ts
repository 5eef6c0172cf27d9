/**
 * Arabic letters in their joined shapes (Unicode presentation forms), for the preview images.
 * Satori measures each Arabic letter in its isolated shape but draws the joined word, which is
 * narrower, so words end up with wide gaps between them. Letters that already are the joined
 * shapes are measured as drawn. Words with a letter this table lacks stay as they are.
 */

// Base letter → [isolated, final, initial, medial]; right-joining letters have two forms only.
const FORMS: Record<string, number[]> = {
  "\u0621": [0xfe80],
  "\u0622": [0xfe81, 0xfe82],
  "\u0623": [0xfe83, 0xfe84],
  "\u0624": [0xfe85, 0xfe86],
  "\u0625": [0xfe87, 0xfe88],
  "\u0626": [0xfe89, 0xfe8a, 0xfe8b, 0xfe8c],
  "\u0627": [0xfe8d, 0xfe8e],
  "\u0628": [0xfe8f, 0xfe90, 0xfe91, 0xfe92],
  "\u0629": [0xfe93, 0xfe94],
  "\u062a": [0xfe95, 0xfe96, 0xfe97, 0xfe98],
  "\u062b": [0xfe99, 0xfe9a, 0xfe9b, 0xfe9c],
  "\u062c": [0xfe9d, 0xfe9e, 0xfe9f, 0xfea0],
  "\u062d": [0xfea1, 0xfea2, 0xfea3, 0xfea4],
  "\u062e": [0xfea5, 0xfea6, 0xfea7, 0xfea8],
  "\u062f": [0xfea9, 0xfeaa],
  "\u0630": [0xfeab, 0xfeac],
  "\u0631": [0xfead, 0xfeae],
  "\u0632": [0xfeaf, 0xfeb0],
  "\u0633": [0xfeb1, 0xfeb2, 0xfeb3, 0xfeb4],
  "\u0634": [0xfeb5, 0xfeb6, 0xfeb7, 0xfeb8],
  "\u0635": [0xfeb9, 0xfeba, 0xfebb, 0xfebc],
  "\u0636": [0xfebd, 0xfebe, 0xfebf, 0xfec0],
  "\u0637": [0xfec1, 0xfec2, 0xfec3, 0xfec4],
  "\u0638": [0xfec5, 0xfec6, 0xfec7, 0xfec8],
  "\u0639": [0xfec9, 0xfeca, 0xfecb, 0xfecc],
  "\u063a": [0xfecd, 0xfece, 0xfecf, 0xfed0],
  "\u0641": [0xfed1, 0xfed2, 0xfed3, 0xfed4],
  "\u0642": [0xfed5, 0xfed6, 0xfed7, 0xfed8],
  "\u0643": [0xfed9, 0xfeda, 0xfedb, 0xfedc],
  "\u0644": [0xfedd, 0xfede, 0xfedf, 0xfee0],
  "\u0645": [0xfee1, 0xfee2, 0xfee3, 0xfee4],
  "\u0646": [0xfee5, 0xfee6, 0xfee7, 0xfee8],
  "\u0647": [0xfee9, 0xfeea, 0xfeeb, 0xfeec],
  "\u0648": [0xfeed, 0xfeee],
  "\u0649": [0xfeef, 0xfef0],
  "\u064a": [0xfef1, 0xfef2, 0xfef3, 0xfef4],
  // Persian
  "\u067e": [0xfb56, 0xfb57, 0xfb58, 0xfb59],
  "\u0686": [0xfb7a, 0xfb7b, 0xfb7c, 0xfb7d],
  "\u0698": [0xfb8a, 0xfb8b],
  "\u06a9": [0xfb8e, 0xfb8f, 0xfb90, 0xfb91],
  "\u06af": [0xfb92, 0xfb93, 0xfb94, 0xfb95],
  "\u06cc": [0xfbfc, 0xfbfd, 0xfbfe, 0xfbff],
};
// Lam followed by an alef is one ligature: [isolated, final].
const LAM_ALEF: Record<string, number[]> = {
  "\u0622": [0xfef5, 0xfef6],
  "\u0623": [0xfef7, 0xfef8],
  "\u0625": [0xfef9, 0xfefa],
  "\u0627": [0xfefb, 0xfefc],
};
const TATWEEL = "\u0640";
// Vowel marks are optional in Arabic writing; the images leave them out.
const MARKS = /[\u064b-\u065f\u0670]/gu;
const ARABIC_LETTER = /[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff]/u;

const joinsNext = (char: string | undefined) => char === TATWEEL || (char !== undefined && FORMS[char]?.length === 4);
const joinsPrevious = (char: string | undefined) => char === TATWEEL || (char !== undefined && (FORMS[char]?.length ?? 0) >= 2);

function shapeWord(word: string): string {
  const chars = [...word.replace(MARKS, "")];
  // A letter without forms here would leave a half-shaped word: better not to touch it at all.
  if (chars.some((c) => ARABIC_LETTER.test(c) && !FORMS[c] && c !== TATWEEL)) return word;
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i];
    const forms = FORMS[char];
    if (!forms) {
      out += char;
      continue;
    }
    const fromPrevious = joinsNext(chars[i - 1]);
    if (char === "\u0644" && LAM_ALEF[chars[i + 1]]) {
      out += String.fromCodePoint(LAM_ALEF[chars[i + 1]][fromPrevious ? 1 : 0]);
      i++;
      continue;
    }
    const toNext = forms.length === 4 && joinsPrevious(chars[i + 1]);
    const form = fromPrevious && forms.length >= 2 ? (toNext ? 3 : 1) : toNext ? 2 : 0;
    out += String.fromCodePoint(forms[form]);
  }
  return out;
}

/** The text with every Arabic word in joined shapes, still in logical (reading) order. */
export function shapeArabic(text: string): string {
  if (!ARABIC_LETTER.test(text)) return text;
  return text.replace(/[^\s]+/gu, (word) => (ARABIC_LETTER.test(word) ? shapeWord(word) : word));
}

/** Whether a word still has Arabic letters in their basic form (satori then orders it itself). */
export function hasUnshapedArabic(word: string): boolean {
  return ARABIC_LETTER.test(word);
}
