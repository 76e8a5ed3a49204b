import http from "node:http";
import { listenOnLoopback } from "./loopback-server";

/**
 * The web bucket's website endpoint, on its own port (its own origin, as on AWS). It passes each request
 * to the local S3 with the Host header of S3's website endpoint for the bucket, which is how s3rver tells
 * a website request (index document, error document, no XML errors) from an API request.
 */
export async function startWebsiteEndpoint(options: {
  s3Endpoint: string;
  bucket: string;
  region: string;
  port: number;
}) {
  const s3 = new URL(options.s3Endpoint);
  const websiteHost = `${options.bucket}.s3-website-${options.region}.amazonaws.com`;
  const server = http.createServer((request, response) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      response
        .writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" })
        .end("Method Not Allowed\n");
      return;
    }
    const upstream = http.request(
      {
        host: s3.hostname,
        port: s3.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, host: websiteHost },
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on("error", () => {
      if (!response.headersSent) response.writeHead(502, { "content-type": "text/plain" });
      response.end("The local S3 did not answer.\n");
    });
    request.pipe(upstream);
  });
  return listenOnLoopback(server, options.port);
}
