class QuoteNotFound extends Error {
  constructor(id) {
    super(`No quote ${id}`);
    this.name = "QuoteNotFound";
  }
}

export const handler = async (event) => {
  throw new QuoteNotFound(event.id);
};
