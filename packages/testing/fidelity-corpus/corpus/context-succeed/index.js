// The oldest way to answer: context.succeed, with no callback and no promise.
exports.handler = function (event, context) {
  context.succeed({ via: "context.succeed" });
};
