// The bytes of a response on the wire (HTTP/1.x status line, fields, blank line, body), built into
// one string so the connection writes it with a single contiguous buffer. Beast's own serializer
// walks nested buffer sequences and cost several times more per response on the I/O thread.
// The response must already be final (prepare_payload done). Pure; thread-safe.
#pragma once

#include <string>

#include "http/route.hpp"

namespace simreg::http {

// head_only: the header alone (a HEAD answer keeps the Content-Length of the GET body).
std::string serialize_response(const Response& response, bool head_only);

}  // namespace simreg::http
