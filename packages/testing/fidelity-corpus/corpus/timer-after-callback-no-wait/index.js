// Calls back at once without waiting for the event loop, leaving a timer that logs half a second later.
exports.handler = function (event, context, callback) {
  context.callbackWaitsForEmptyEventLoop = false;
  setTimeout(() => console.log("the timer left after the callback ran"), 500);
  callback(null, "answered before the timer");
};
