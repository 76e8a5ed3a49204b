// The architecture's original little lambda, as its zip ships: CommonJS, callback-style, starwars in node_modules.
const starwars = require("starwars");

exports.handler = function (event, context, callback) {
  if (event.isJedi) return callback(null, starwars());
  else return callback("Sorry you can't get a quote");
};
