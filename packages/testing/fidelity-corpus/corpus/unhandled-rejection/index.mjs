// Starts a promise nobody awaits; it rejects while the handler is still busy.
export const handler = async () => {
  Promise.reject(new Error("the quote service is gone"));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return "not reached";
};
