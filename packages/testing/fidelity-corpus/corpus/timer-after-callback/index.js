// Calls back at once, leaving a timer that logs half a second later.
exports.handler = function (event, context, callback) {
  setTimeout(() => console.log("the timer left after the callback ran"), 500);
  callback(null, "answered before the timer");
};
