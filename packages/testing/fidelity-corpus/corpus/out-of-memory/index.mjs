// Keeps allocating until the function's 128 MB are gone; bounded far beyond that (about 10 GB).
export const handler = async () => {
  const kept = [];
  for (let i = 0; i < 10_000; i++) kept.push(new Array(131_072).fill(i));
  return kept.length;
};
