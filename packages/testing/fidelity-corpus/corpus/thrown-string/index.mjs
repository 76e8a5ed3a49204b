export const handler = async () => {
  throw "Sorry you can't get a quote";
};
