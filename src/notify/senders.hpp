// Every MessageSender implementation, for the composition root that picks them from the
// configuration: SMTP for e-mail, an HTTP gateway for SMS, local delivery for demos.
// See each header for its contract; all are thread-safe.
#pragma once

#include "notify/local_delivery_sender.hpp"
#include "notify/message_sender.hpp"
#include "notify/sms_gateway_sender.hpp"
#include "notify/smtp_sender.hpp"
