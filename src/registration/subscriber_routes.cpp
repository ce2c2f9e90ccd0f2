#include "registration/subscriber_routes.hpp"

#include "registration/application_json.hpp"

namespace simreg::registration {
namespace {

using http::Access;
using http::RequestContext;
using http::Response;
using verb = http::bhttp::verb;

// Uploads may be a little over the image limit so the image module, not the transport, reports
// the size with its own code and advice; past this the transport answers 413 at once.
constexpr std::size_t kUploadTransportSlack = 1024 * 1024;

http::RouteSpec subscriber_route(verb method, std::string pattern, http::Handler handler) {
  http::RouteSpec spec;
  spec.method = method;
  spec.pattern = std::move(pattern);
  spec.access = Access::subscriber;
  spec.handler = std::move(handler);
  return spec;
}

RequestMeta meta_of(const RequestContext& ctx) { return {ctx.client_address, ctx.request_id}; }

Result<Response> render(RegistrationService& registrations, sims::SimService& sims, const Application& application,
                        unsigned status, const std::string& locale) {
  SIMREG_TRY_ASSIGN(auto owned, sims.lines_of(application.subscriber_id));
  std::vector<sims::Line> lines;
  for (auto& line : owned) {
    if (std::find(application.line_ids.begin(), application.line_ids.end(), line.id) != application.line_ids.end()) {
      lines.push_back(std::move(line));
    }
  }
  return http::json_response(status, application_json(application, lines, registrations.required_documents(application),
                                                       registrations.missing(application), locale));
}

Response answer(RegistrationService& registrations, sims::SimService& sims, const Result<Application>& application,
                const std::string& locale, unsigned status = 200) {
  if (!application) return http::problem_response(application.error());
  auto response = render(registrations, sims, *application, status, locale);
  if (!response) return http::problem_response(response.error());
  return std::move(*response);
}

// The caller's language for texts; an account always has one, "en" is only a guard.
std::string locale_of(const http::Principal& who) { return who.locale.empty() ? "en" : who.locale; }

}  // namespace

void register_subscriber_routes(http::Router& router, RegistrationService& registrations, sims::SimService& sims) {
  router.add(subscriber_route(verb::post, "/api/v1/applications", [&registrations, &sims](RequestContext& ctx) {
    auto body = ctx.json_body();
    if (!body) return http::problem_response(body.error());
    std::vector<std::string> line_ids;
    const auto& ids = (*body)["line_ids"];
    if (!ids.is_array()) {
      return http::problem_response(
          Error::validation({{"/line_ids", "line_ids.invalid", "Choose at least one of your lines."}}));
    }
    for (const auto& id : ids) {
      if (!id.is_string()) {
        return http::problem_response(
            Error::validation({{"/line_ids", "line_ids.invalid", "Line ids are text."}}));
      }
      line_ids.push_back(id.get<std::string>());
    }
    return answer(registrations, sims, registrations.start(ctx.principal->account_id, line_ids, meta_of(ctx)),
                  locale_of(*ctx.principal), 201);
  }));

  router.add(subscriber_route(verb::get, "/api/v1/applications", [&](RequestContext& ctx) {
    auto applications = registrations.list(ctx.principal->account_id);
    if (!applications) return http::problem_response(applications.error());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& application : *applications) items.push_back(application_summary_json(application));
    return http::json_response(200, {{"applications", items}});
  }));

  router.add(subscriber_route(verb::get, "/api/v1/applications/{id}", [&registrations, &sims](RequestContext& ctx) {
    return answer(registrations, sims, registrations.get(ctx.principal->account_id, ctx.path_params.at("id")),
                  locale_of(*ctx.principal));
  }));

  router.add(subscriber_route(verb::patch, "/api/v1/applications/{id}", [&registrations, &sims](RequestContext& ctx) {
    auto body = ctx.json_body();
    if (!body) return http::problem_response(body.error());
    return answer(registrations, sims,
                  registrations.update(ctx.principal->account_id, ctx.path_params.at("id"), *body, meta_of(ctx)),
                  locale_of(*ctx.principal));
  }));

  router.add(subscriber_route(verb::post, "/api/v1/applications/{id}/submit", [&registrations, &sims](RequestContext& ctx) {
    auto body = ctx.json_body();
    if (!body) return http::problem_response(body.error());
    const auto& declared = (*body)["declaration_accepted"];
    return answer(registrations, sims,
                  registrations.submit(ctx.principal->account_id, ctx.path_params.at("id"),
                                       declared.is_boolean() && declared.get<bool>(), meta_of(ctx)),
                  locale_of(*ctx.principal));
  }));

  auto upload = subscriber_route(verb::put, "/api/v1/applications/{id}/documents/{kind}",
                                 [&registrations](RequestContext& ctx) {
    // An upload must say what it is; an undeclared type is refused like a wrong one.
    const auto content_type = ctx.header("Content-Type").value_or("application/octet-stream");
    auto outcome = registrations.put_document(ctx.principal->account_id, ctx.path_params.at("id"),
                                              ctx.path_params.at("kind"), ctx.request.body(), content_type,
                                              locale_of(*ctx.principal), meta_of(ctx));
    if (!outcome) return http::problem_response(outcome.error());
    return http::json_response(200, outcome->report);
  });
  upload.body_limit = registrations.image_limits().max_bytes + kUploadTransportSlack;
  router.add(std::move(upload));
}

void register_jurisdiction_route(http::Router& router, const jurisdiction::Profile& profile) {
  http::RouteSpec spec;
  spec.method = verb::get;
  spec.pattern = "/api/v1/jurisdiction";
  spec.access = Access::anyone;
  spec.execution = http::Execution::inline_on_io_thread;  // a prebuilt document in memory
  spec.handler = [body = profile.document()](RequestContext&) {
    return http::json_response(200, body);
  };
  router.add(std::move(spec));
}

}  // namespace simreg::registration
