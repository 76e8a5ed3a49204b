// A handler in a sub-folder, CommonJS (no package.json), named src/handlers/quote.handler.
const { pick } = require("../quotes");

exports.handler = async (event) => ({ quote: pick(event.index) });
