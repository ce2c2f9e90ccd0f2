// The demo outbox page's API: GET /api/v1/demo/outbox lists the latest messages to anyone, and
// ?to=ADDRESS only those sent to one address; newest first, opened, at most kDemoOutboxLimit. It
// shows one-time codes to anyone, so the application registers it ONLY in demo mode (--demo).
// Handlers run on the worker pool; Outbox is thread-safe.
#pragma once

#include "http/router.hpp"
#include "notify/outbox.hpp"

namespace simreg::notify {

inline constexpr int kDemoOutboxLimit = 50;

// `outbox` must outlive the router.
void register_demo_outbox_routes(http::Router& router, Outbox& outbox);

}  // namespace simreg::notify
