// The loopback server of the benchmark, in its own process so that it does not share the
// clients' event loop. Answers every request with the same search page; prints its URL.
import { createServer } from "node:http";

const body = process.argv[2];
const server = createServer((request, response) => {
  request.resume();
  request.on("end", () => {
    response.writeHead(200, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    response.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => process.send({ url: `http://127.0.0.1:${server.address().port}` }));
