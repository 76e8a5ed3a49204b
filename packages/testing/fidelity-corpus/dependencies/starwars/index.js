// Stands in for npm's starwars package: a quote from a fixed list, so that answers can be compared.
const quotes = ["Luke, I am your father.", "Do. Or do not. There is no try."];

module.exports = () => quotes[0];
module.exports.quotes = quotes;
