/** mulberry32: a small PRNG, so that a seed replays the exact same quotes. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Text that stresses storage and encoding: ASCII, accents, CJK, emoji (surrogate pairs), quotes, backslashes.
const ALPHABET = [
  ..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"\\/éßøñ漢字テスト🙂🚀👍🏽",
];

export interface QuoteToSave {
  quote: string;
  author?: string;
}

/** The i-th quote of a run: unique by its number, otherwise random text of random length. */
export function quoteFor(index: number, random: () => number): QuoteToSave {
  const length = Math.floor(random() * 900);
  let text = "";
  for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
  const quote = `#${index} ${text}`;
  return random() < 0.5 ? { quote } : { quote, author: `Author ${index} ${ALPHABET.slice(-4).join("")}` };
}
