// Not async, no callback called: it only returns a value.
exports.handler = function (event) {
  return { quote: "Never tell me the odds.", for: event.name };
};
