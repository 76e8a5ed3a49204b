// The npm package `starwars` ships no types: it exports a function returning a random quote.
declare module "starwars" {
  const randomQuote: (() => string) & { quotes: string[] };
  export default randomQuote;
}
