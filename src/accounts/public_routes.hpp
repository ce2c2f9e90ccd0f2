// Subscriber-facing routes of the accounts feature: sign-up, e-mail verification, sign-in/out,
// password reset and change, the CSRF token. Handlers parse, call one SubscriberService function,
// render; all run on the worker pool.
#pragma once

#include "accounts/session_service.hpp"
#include "accounts/subscriber_service.hpp"
#include "http/router.hpp"

namespace simreg::accounts {

nlohmann::json subscriber_json(const SubscriberView& view);

void register_public_routes(http::Router& router, SubscriberService& subscribers, SessionService& sessions);

}  // namespace simreg::accounts
