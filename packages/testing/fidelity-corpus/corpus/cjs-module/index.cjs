// CommonJS by its extension, whatever a package.json says.
exports.handler = async (event) => ({ sum: event.a + event.b, moduleIs: typeof module });
