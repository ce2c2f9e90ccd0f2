// `simreg check image FILE --kind id_front|id_back|passport|selfie [--locale en|zh-CN]
// [--content-type TYPE]`: runs the upload checks on a file and prints ONE JSON object
// {"accepted", "reasons": [codes], "measurements": {...}, "messages": [{code, message, hint}]}.
// Exit 0 when accepted, 1 when not (hard failures print the same shape with the hard code as the
// only reason), 2 when the file cannot be read. Nothing is stored or logged.
#pragma once

#include <functional>
#include <iosfwd>
#include <string>

#include "imaging/image_kind.hpp"
#include "imaging/image_limits.hpp"

namespace CLI {
class App;
}  // namespace CLI

namespace simreg::imaging {

// Adds the `image` subcommand to `check`; when it is parsed, `action` is set to run it.
void add_check_image_command(CLI::App& check, std::function<int()>& action);

struct CheckImageOptions {
  std::string file;
  ImageKind kind = ImageKind::id_front;
  std::string locale = "en";
  std::string content_type;  // empty: the type is taken from the bytes alone
  ImageLimits limits;
};

// The command's body, writing the JSON line to `out` and read errors to `err`; returns the exit code.
int run_check_image(const CheckImageOptions& options, std::ostream& out, std::ostream& err);

}  // namespace simreg::imaging
