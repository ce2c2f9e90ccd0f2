// The staff review API under /api/v1/review/… (contract 4): every route is Access::staff for the
// reviewer or supervisor role (stats, reviewers, reassign and the sample report: supervisor only).
// Handlers parse, call one ReviewService function and render; all run on the worker pool.
#pragma once

#include "http/metrics.hpp"
#include "http/router.hpp"
#include "review/review_service.hpp"

namespace simreg::review {

void register_review_routes(http::Router& router, ReviewService& reviews);

// The review gauges on /metrics (queue depth, due today, overdue, time to decision, decisions):
// the copy ReviewService::refresh_metrics() last made, so scrapes never touch the database.
void add_review_metrics(http::Metrics& metrics, ReviewService& reviews);

}  // namespace simreg::review
