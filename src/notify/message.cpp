#include "notify/message.hpp"

namespace simreg::notify {

std::string_view channel_code(Channel channel) {
  return channel == Channel::email ? "email" : "sms";
}

}  // namespace simreg::notify
