// What the Lambda console creates for a new Node.js function: index.mjs exporting an async handler.
export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ echoed: event }) });
