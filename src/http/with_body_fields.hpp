// The first step of most JSON handlers: parse the request body, read typed fields from it, and
// only then act — or answer problem+json (415 / 400 for the body itself, 422 naming every bad field
// at once). Header-only; as thread-safe as the callables passed in.
#pragma once

#include "http/body_fields.hpp"
#include "http/route.hpp"

namespace simreg::http {

// `read(BodyFields&)` returns the handler's input; `act(input)` returns the response.
template <class ReadFields, class Act>
Response with_body_fields(RequestContext& ctx, ReadFields read, Act act) {
  auto body = ctx.json_body();
  if (!body) return problem_response(body.error());
  BodyFields fields(*body);
  auto input = read(fields);
  if (!fields.ok()) return problem_response(fields.error());
  return act(input);
}

}  // namespace simreg::http
