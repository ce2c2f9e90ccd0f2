// Recipient normalization: one spelling per address, so the blind index finds every message sent
// to it. E-mail: trimmed and lower-cased. Phone number: trimmed, visual separators (spaces, '-',
// '.', parentheses) removed. Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "notify/message.hpp"

namespace simreg::notify {

// Rejects what no transport could deliver to (empty, control characters, '<' '>' ',' in e-mail,
// non-digits in a phone number) with "notify.invalid_recipient"; the detail never echoes the value.
Result<std::string> normalize_recipient(Channel channel, std::string_view to);

// For look-ups that do not say the channel (the CLI, the demo page): '@' means e-mail.
Channel guess_channel(std::string_view to);

}  // namespace simreg::notify
