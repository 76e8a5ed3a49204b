const quotes = ["Do. Or do not. There is no try.", "I find your lack of faith disturbing."];

exports.pick = (index) => quotes[index % quotes.length];
