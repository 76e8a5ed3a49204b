// The package has app.js, but the handler string names index.
exports.handler = async () => "unreachable";
