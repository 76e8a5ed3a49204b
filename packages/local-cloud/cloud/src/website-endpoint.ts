import http, { type RequestListener } from "node:http";
import { foreignHostRefusal, sendRefusal } from "@holonet/local-auth/aws-request-guard";
import { listenOnLoopback } from "./loopback-server";

/**
 * The web bucket's website endpoint, on its own port (its own origin, as on AWS): anonymous reads of the
 * bucket's objects, with its index and error documents, answered by the local S3 in this process. Like S3's
 * website endpoints it takes GET and HEAD only; like every local endpoint it answers only to loopback names.
 */
export async function startWebsiteEndpoint(options: { serveBucket: RequestListener; port: number }) {
  const server = http.createServer((request, response) => {
    const refusal = foreignHostRefusal(request);
    if (refusal) return sendRefusal(response, refusal);
    if (request.method !== "GET" && request.method !== "HEAD") {
      response
        .writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain" })
        .end("Method Not Allowed\n");
      return;
    }
    options.serveBucket(request, response);
  });
  return listenOnLoopback(server, options.port);
}
