#include "review/review_routes.hpp"

#include "reasons/reason_catalog.hpp"

namespace simreg::review {
namespace {

using http::Access;
using http::RequestContext;
using http::Response;
using verb = http::bhttp::verb;

const std::set<std::string> kReviewers{"reviewer", "supervisor"};
const std::set<std::string> kSupervisors{"supervisor"};

http::RouteSpec route(verb method, std::string pattern, const std::set<std::string>& roles, http::Handler handler) {
  http::RouteSpec spec;
  spec.method = method;
  spec.pattern = std::move(pattern);
  spec.access = Access::staff;
  spec.roles = roles;
  spec.handler = std::move(handler);
  return spec;
}

Reviewer reviewer_of(const RequestContext& ctx) {
  return {ctx.principal->account_id, ctx.principal->roles, ctx.principal->locale.empty() ? "en" : ctx.principal->locale,
          RequestMeta{ctx.client_address, ctx.request_id}};
}

Response render(const Result<nlohmann::json>& result, unsigned status = 200) {
  if (!result) return http::problem_response(result.error());
  return http::json_response(status, *result);
}

// A body is optional on these POSTs: none, or an empty one, reads as {}.
Result<nlohmann::json> optional_body(const RequestContext& ctx) {
  if (ctx.request.body().empty()) return nlohmann::json::object();
  return ctx.json_body();
}

Result<std::optional<bool>> flag_param(const RequestContext& ctx, const std::string& name) {
  const auto found = ctx.query_params.find(name);
  if (found == ctx.query_params.end() || found->second.empty()) return std::optional<bool>{};
  if (found->second == "true") return std::optional<bool>{true};
  if (found->second == "false") return std::optional<bool>{false};
  return Error::validation({{"/" + name, "query.invalid", "Use true or false."}});
}

Result<QueueFilter> filter_of(const RequestContext& ctx, const nlohmann::json* body) {
  QueueFilter filter;
  const auto text = [&](const std::string& name) -> std::optional<std::string> {
    if (body != nullptr) {
      const auto found = body->find(name);
      if (found != body->end() && found->is_string() && !found->get<std::string>().empty()) return found->get<std::string>();
      return std::nullopt;
    }
    const auto found = ctx.query_params.find(name);
    if (found == ctx.query_params.end() || found->second.empty()) return std::nullopt;
    return found->second;
  };
  filter.channel = text("channel");
  if (filter.channel && *filter.channel != "online" && *filter.channel != "store") {
    return Error::validation({{"/channel", "channel.invalid", "The channel is online or store."}});
  }
  filter.document_type = text("document_type");
  if (body == nullptr) {
    SIMREG_TRY_ASSIGN(filter.flagged, flag_param(ctx, "flagged"));
    SIMREG_TRY_ASSIGN(filter.resubmission, flag_param(ctx, "resubmission"));
    SIMREG_TRY_ASSIGN(filter.escalated, flag_param(ctx, "escalated"));
  }
  return filter;
}

nlohmann::json reasons_document() {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& reason : reasons::all_reasons()) {
    nlohmann::json text = nlohmann::json::object();
    for (const std::string locale : {"en", "zh-CN"}) {
      const auto t = reasons::reason_text(reason.code, locale);
      text[locale] = {{"message", t.message}, {"hint", t.hint}};
    }
    items.push_back({{"code", reason.code},
                     {"severity", reasons::severity_name(reason.severity)},
                     {"category", reason.category},
                     {"text", text}});
  }
  return {{"reasons", items}};
}

}  // namespace

void register_review_routes(http::Router& router, ReviewService& reviews) {
  router.add(route(verb::get, "/api/v1/review/queue", kReviewers, [&](RequestContext& ctx) {
    auto filter = filter_of(ctx, nullptr);
    if (!filter) return http::problem_response(filter.error());
    int limit = 50;
    if (const auto found = ctx.query_params.find("limit"); found != ctx.query_params.end()) {
      try {
        limit = std::stoi(found->second);
      } catch (const std::exception&) {
        return http::problem_response(Error::validation({{"/limit", "query.invalid", "The limit is 1 to 200."}}));
      }
      if (limit < 1 || limit > 200) {
        return http::problem_response(Error::validation({{"/limit", "query.invalid", "The limit is 1 to 200."}}));
      }
    }
    return render(reviews.queue(reviewer_of(ctx), *filter, limit));
  }));

  router.add(route(verb::post, "/api/v1/review/next", kReviewers, [&](RequestContext& ctx) {
    auto body = optional_body(ctx);
    if (!body) return http::problem_response(body.error());
    auto filter = filter_of(ctx, &*body);
    if (!filter) return http::problem_response(filter.error());
    auto found = reviews.next(reviewer_of(ctx), *filter);
    if (!found) return http::problem_response(found.error());
    if (!*found) return http::empty_response(204);
    return http::json_response(200, **found);
  }));

  router.add(route(verb::post, "/api/v1/review/cases/{id}/claim", kReviewers, [&](RequestContext& ctx) {
    return render(reviews.claim(reviewer_of(ctx), ctx.path_params.at("id")));
  }));

  router.add(route(verb::post, "/api/v1/review/cases/{id}/renew", kReviewers, [&](RequestContext& ctx) {
    return render(reviews.renew(reviewer_of(ctx), ctx.path_params.at("id")));
  }));

  router.add(route(verb::post, "/api/v1/review/cases/{id}/release", kReviewers, [&](RequestContext& ctx) {
    auto released = reviews.release(reviewer_of(ctx), ctx.path_params.at("id"));
    if (!released) return http::problem_response(released.error());
    return http::empty_response(204);
  }));

  router.add(route(verb::get, "/api/v1/review/cases/{id}", kReviewers, [&](RequestContext& ctx) {
    return render(reviews.get_case(reviewer_of(ctx), ctx.path_params.at("id")));
  }));

  router.add(route(verb::post, "/api/v1/review/cases/{id}/unmask", kReviewers, [&](RequestContext& ctx) {
    auto body = ctx.json_body();
    if (!body) return http::problem_response(body.error());
    const nlohmann::json none;
    const auto found = body->find("fields");
    return render(reviews.unmask(reviewer_of(ctx), ctx.path_params.at("id"), found == body->end() ? none : *found));
  }));

  router.add(route(verb::get, "/api/v1/review/cases/{id}/documents/{kind}", kReviewers, [&](RequestContext& ctx) {
    auto bytes = reviews.document(reviewer_of(ctx), ctx.path_params.at("id"), ctx.path_params.at("kind"));
    if (!bytes) return http::problem_response(bytes.error());
    Response response{http::bhttp::status::ok, ctx.request.version()};
    response.set(http::bhttp::field::content_type, "image/jpeg");
    response.set(http::bhttp::field::cache_control, "no-store");
    response.body() = std::move(*bytes);
    response.prepare_payload();
    return response;
  }));

  router.add(route(verb::post, "/api/v1/review/cases/{id}/decision", kReviewers, [&](RequestContext& ctx) {
    auto body = ctx.json_body();
    if (!body) return http::problem_response(body.error());
    return render(reviews.decide(reviewer_of(ctx), ctx.path_params.at("id"), *body));
  }));

  router.add(route(verb::post, "/api/v1/review/cases/{id}/escalate", kReviewers, [&](RequestContext& ctx) {
    auto body = optional_body(ctx);
    if (!body) return http::problem_response(body.error());
    std::string note;
    if (const auto found = body->find("note"); found != body->end() && !found->is_null()) {
      if (!found->is_string()) {
        return http::problem_response(Error::validation({{"/note", "note.invalid", "The note is text."}}));
      }
      note = found->get<std::string>();
    }
    return render(reviews.escalate(reviewer_of(ctx), ctx.path_params.at("id"), note));
  }));

  router.add(route(verb::post, "/api/v1/review/cases/{id}/reassign", kSupervisors, [&](RequestContext& ctx) {
    auto body = ctx.json_body();
    if (!body) return http::problem_response(body.error());
    const auto found = body->find("staff_id");
    if (found == body->end() || !(found->is_null() || found->is_string())) {
      return http::problem_response(
          Error::validation({{"/staff_id", "field.required", "Name the staff member, or null for the queue."}}));
    }
    std::optional<std::string> target;
    if (found->is_string()) target = found->get<std::string>();
    return render(reviews.reassign(reviewer_of(ctx), ctx.path_params.at("id"), target));
  }));

  router.add(route(verb::get, "/api/v1/review/reasons", kReviewers,
                   [document = reasons_document()](RequestContext&) { return http::json_response(200, document); }));

  router.add(route(verb::get, "/api/v1/review/reviewers", kSupervisors,
                   [&](RequestContext&) { return render(reviews.reviewers()); }));

  router.add(route(verb::get, "/api/v1/review/stats", kSupervisors, [&](RequestContext&) {
    auto stats = reviews.stats();
    if (!stats) return http::problem_response(stats.error());
    return http::json_response(200, stats->json);
  }));

  router.add(route(verb::post, "/api/v1/review/samples/next", kReviewers, [&](RequestContext& ctx) {
    auto found = reviews.next_sample(reviewer_of(ctx));
    if (!found) return http::problem_response(found.error());
    if (!*found) return http::empty_response(204);
    return http::json_response(200, **found);
  }));

  router.add(route(verb::post, "/api/v1/review/samples/{id}/verdict", kReviewers, [&](RequestContext& ctx) {
    auto body = ctx.json_body();
    if (!body) return http::problem_response(body.error());
    return render(reviews.sample_verdict(reviewer_of(ctx), ctx.path_params.at("id"), *body));
  }));

  router.add(route(verb::get, "/api/v1/review/samples/report", kSupervisors,
                   [&](RequestContext&) { return render(reviews.sample_report()); }));
}

void add_review_metrics(http::Metrics& metrics, ReviewService& reviews) {
  metrics.add_collector([&reviews] { return reviews.cached_metrics(); });
}

}  // namespace simreg::review
