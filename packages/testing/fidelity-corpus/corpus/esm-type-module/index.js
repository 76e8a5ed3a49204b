// An ES module in a .js file: the function's own package.json says "type": "module".
export const handler = async (event) => ({ greeting: `Hello, ${event.name}.`, requireIs: typeof require });
