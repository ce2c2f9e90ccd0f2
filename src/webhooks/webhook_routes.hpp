// The admin API for webhooks (Access::staff, role admin): list, add (the secret is shown once),
// deactivate, and an endpoint's deliveries with every attempt. Handlers parse, call one
// WebhookService function, render.
#pragma once

#include "http/router.hpp"
#include "webhooks/webhook_service.hpp"

namespace simreg::webhooks {

void register_webhook_admin_routes(http::Router& router, WebhookService& webhooks);

}  // namespace simreg::webhooks
